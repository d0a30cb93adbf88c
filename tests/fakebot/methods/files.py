"""Files: file ids, photo sizes and documents from uploads, URLs or known ids; getFile and the
download route.
"""

from __future__ import annotations

import hashlib
from typing import Any

from aiohttp import web

from fakebot.methods.base import Server
from fakebot.model import JSON, Params, bad_request


class FilesMixin:
    """Mixed into :class:`fakebot.server.FakeBotServer`; ``self`` is a :class:`Server`."""

    def _new_file_id(self: Server, kind: str) -> tuple[str, str]:
        self._file_counter += 1
        digest = hashlib.sha1(f"{kind}{self._file_counter}".encode()).hexdigest()
        prefix = {"photo": "AgACAgIAAxkDAA", "document": "BQACAgIAAxkDAA"}.get(kind, "CAAC")
        return f"{prefix}{self._file_counter:08d}{digest[:24]}", f"AQAD{digest[24:36]}"

    def _photo_sizes(self: Server, p: Params, field_name: str = "photo") -> tuple[list[JSON], str]:
        raw = p.values.get(field_name)
        upload = p.files.get(field_name)
        if upload is None and isinstance(raw, str) and raw.startswith("attach://"):
            upload = p.files.get(raw[len("attach://") :])
            if upload is None:
                raise bad_request(f"file {raw} not found in the request")
        if upload is not None:
            size = len(upload[2])
            if size == 0:
                raise bad_request("file must be non-empty")
            if size > 10 * 1024 * 1024:
                raise bad_request("PHOTO_INVALID_DIMENSIONS")
            source = f"upload:{upload[0]}"
        else:
            source = self._check_remote(raw, "photo")
            known = self._files.get(source)
            if known is not None:
                if known["kind"] != "photo":
                    raise bad_request("wrong file identifier/HTTP URL specified")
                return list(known["sizes"]), source
            size = 120_000
        sizes: list[JSON] = []
        for w, h, share in ((90, 60, 0.02), (320, 213, 0.15), (800, 533, 0.5), (1280, 853, 1.0)):
            file_id, unique = self._new_file_id("photo")
            sizes.append(
                {
                    "file_id": file_id,
                    "file_unique_id": unique,
                    "file_size": max(1, int(size * share)),
                    "width": w,
                    "height": h,
                }
            )
        for s in sizes:
            self._files[s["file_id"]] = {"kind": "photo", "sizes": sizes}
        return sizes, source

    def _check_remote(self: Server, raw: Any, what: str) -> str:
        if raw is None or raw == "":
            raise bad_request(f"there is no {what} in the request")
        if not isinstance(raw, str):
            raise bad_request(f"wrong {what} specified")
        if raw.startswith(("http://", "https://")):
            if raw in self.bad_urls:
                raise bad_request("failed to get HTTP URL content")
            return raw
        if raw in self._files:
            return raw
        raise bad_request("wrong file identifier/HTTP URL specified")

    def _document(self: Server, p: Params, field_name: str = "document") -> tuple[JSON, str]:
        raw = p.values.get(field_name)
        upload = p.files.get(field_name)
        if upload is None and isinstance(raw, str) and raw.startswith("attach://"):
            upload = p.files.get(raw[len("attach://") :])
            if upload is None:
                raise bad_request(f"file {raw} not found in the request")
        if upload is not None:
            if not upload[2]:
                raise bad_request("file must be non-empty")
            name, mime, size, source = upload[0], upload[1], len(upload[2]), f"upload:{upload[0]}"
        else:
            source = self._check_remote(raw, "document")
            known = self._files.get(source)
            if known is not None:
                if known["kind"] != "document":
                    raise bad_request("wrong file identifier/HTTP URL specified")
                return dict(known["document"]), source
            name = source.rsplit("/", 1)[-1] or "file"
            mime, size = "application/octet-stream", 10_000
        file_id, unique = self._new_file_id("document")
        doc = {
            "file_id": file_id,
            "file_unique_id": unique,
            "file_name": name,
            "mime_type": mime or "application/octet-stream",
            "file_size": size,
        }
        self._files[file_id] = {"kind": "document", "document": doc}
        if upload is not None:  # what the bot sent, for tests to read (`sent_file`)
            self.sent_files[file_id] = bytes(upload[2])
        return doc, source

    def _get_file(self: Server, p: Params) -> JSON:
        file_id = p.get_str("file_id") or ""
        known = self._files.get(file_id)
        if known is None or "path" not in known:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        return {
            "file_id": file_id,
            "file_unique_id": known["document"]["file_unique_id"],
            "file_size": known["size"],
            "file_path": known["path"],
        }

    async def _download(self: Server, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.Response(status=401, text="Unauthorized")
        data = self._file_data.get(request.match_info["path"])
        if data is None:
            return web.Response(status=404, text="Not Found")
        return web.Response(body=data, content_type="application/octet-stream")
