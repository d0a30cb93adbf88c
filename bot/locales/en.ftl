### The bot's English texts. How to edit this file (Fluent, https://projectfluent.org/fluent/guide/):
###
### - One message per entry: `id = text`. The id is the key the code asks for with dots
###   written as dashes: t(lang, "adm.post.done") reads `adm-post-done`. A text stays on one
###   line (a line break inside a text would reach the reader); only plural choices span lines.
### - Values: `{ $name }`. Every language must use the same names in a message
###   (tests/unit/test_i18n.py checks). Numbers are shown exactly as the code passes them.
### - Texts are Telegram HTML (<b>, <i>, <code>, <a href>; write & < > as &amp; &lt; &gt;),
###   and the values put into them are escaped by the code. Ids starting with cmd-, btn-, cb-,
###   lang-, fmt- or story- are plain text: no tags, no entities.
### - Plurals: wherever a count is shown next to words that agree with it, choose by the
###   count's CLDR plural category; the variant marked * is the default:
###       adm-post-done = … { $queued } { $queued ->
###               [one] message
###              *[other] messages
###           } queued …
###   English has the categories `one` (1) and `other` (0, 2, 5, 11, 21, …).
### - A new message goes into every language's file; add it under the right ## section.

## Command menu (setMyCommands) and /help
cmd-start = Start and pick topics
cmd-help = What the bot can do
cmd-topics = Choose your topics
cmd-subscribe = Subscribe to topics: /subscribe war
cmd-unsubscribe = Unsubscribe: /unsubscribe war or all
cmd-latest = The newest stories: /latest [topic]
cmd-search = Search the archive: /search words
cmd-follow = Alerts for a name or phrase: /follow Kyiv
cmd-unfollow = Stop keyword alerts: /unfollow [words]
cmd-settings = Your settings
cmd-instant = New stories as they come: /instant on|off
cmd-language = Language: /language en|uk
cmd-timezone = Time zone: /timezone Europe/Kyiv
cmd-stop = Stop the bot and delete your data
cmd-digest = A digest: /digest daily 08:00|hourly|now|off
cmd-quiet = Quiet hours: /quiet 23:00-07:00 [hold]|off

## Buttons
btn-all = All
btn-none = None
btn-breaking_off = ⚡ Breaking news like any other story
btn-breaking_on = ⚡ Breaking news with sound, always
btn-more = More »
btn-back = « Back

## Callback answers
cb-subscribed = ✅ { $topic }
cb-unsubscribed = Unsubscribed: { $topic }
cb-all = Subscribed to every topic
cb-none = Unsubscribed from every topic
cb-stale = This button is out of date. Send /topics again.
cb-not_registered = Send /start first.
cb-search_expired = This search has expired. Send /search again.

## Names and formats
lang-en = English
lang-uk = Ukrainian
fmt-datetime = %d %b, %H:%M
fmt-datetime_year = %d %b %Y, %H:%M
fmt-date = %d %b
list-more = { $names } and { $count } more

## Onboarding
greeting-new = <b>Welcome!</b> I send the newsroom's stories on the topics you choose, as soon as they are published.
greeting-back = <b>Welcome back!</b> Your subscriptions are on again.
greeting-again = <b>Hello again!</b> Here are your topics.
greeting-subscribed = Subscribed: { $topics }.
greeting-unknown_link = Not a topic, skipped: { $names }.
picker-prompt = Tap a topic to subscribe or unsubscribe; ✅ marks yours.
help-title = <b>What I can do</b>
help-footer = Topics can be given by name in English or Ukrainian, for example <code>/subscribe війна economy</code>.
help-inline = Share a story in any chat: type <code>@{ $bot } words</code> in the message field and pick it from the list.
help-breaking = ⚡ Breaking news: whether it comes with sound even in your quiet hours is a button in /settings.
help-admin = <b>Admin commands</b> (only you and the other editors see these)

## Topics
topics-valid = Topics: { $topics }.
topics-unknown = I don't know the topic { $names }.
subscribe-usage = Which topics? For example: <code>/subscribe politics war</code>, or <code>/subscribe all</code>.
subscribe-done = Subscribed: { $topics }.
subscribe-already = You're already subscribed to { $topics }.
subscribe-all = Subscribed to every topic.
unsubscribe-usage = Which topics? For example: <code>/unsubscribe sport</code>, or <code>/unsubscribe all</code>.
unsubscribe-done = Unsubscribed: { $topics }.
unsubscribe-not_subscribed = You weren't subscribed to { $topics }.
unsubscribe-all = Unsubscribed from every topic. /topics to pick again.

## Settings
settings-title = <b>Your settings</b>
settings-topics = Topics: { $topics }
settings-no_topics = Topics: none yet (/topics)
settings-instant_on = New stories: as they come (/instant off to stop)
settings-instant_off = New stories: not sent as they come (/instant on)
settings-digest_off = Digest: off
settings-digest_daily = Digest: daily at { $time }
settings-digest_hourly = Digest: every hour
settings-quiet_off = Quiet hours: off
settings-quiet = Quiet hours: { $start }–{ $end }
settings-quiet_hold = Quiet hours: { $start }–{ $end }, stories held until the end
settings-language = Language: { $language }
settings-timezone = Time zone: { $timezone }
settings-timezone_default = Time zone: { $timezone } (default)
settings-follows = Keyword alerts: { $follows }
settings-no_follows = Keyword alerts: none (/follow)
settings-breaking_on = Breaking news: with sound, even in quiet hours
settings-breaking_off = Breaking news: like any other story
settings-guest = Nothing chosen: no topics, no keyword alerts, and I send you nothing. Send /start to begin.
breaking-on = Breaking news will come with sound, even in your quiet hours.
breaking-off = Breaking news will come like any other story.

## /instant
instant-on = New stories on your topics will come as soon as they are published.
instant-off = Done: stories won't come one by one any more. /instant on to turn it back.
instant-usage = Send <code>/instant on</code> or <code>/instant off</code>.

## /latest
latest-title = <b>Latest stories</b>
latest-title_topic = <b>Latest stories: { $topic }</b>
latest-empty = No stories yet.
latest-empty_topic = No stories on { $topic } yet.

## /search
search-usage = What should I look for? For example: <code>/search Kyiv metro</code>.
search-title = <b>Search: { $terms }</b> ({ $first }–{ $last } of { $total })
search-empty = Nothing found for { $terms }. Try other or fewer words.

## /language
language-set = I'll speak English with you now.
language-usage = Send <code>/language en</code> for English or <code>/language uk</code> for Ukrainian.

## /timezone
timezone-set = Time zone: { $timezone }. Your local time now is { $time }.
timezone-usage = Send your time zone as Area/City, for example <code>/timezone Europe/Kyiv</code>.
timezone-unknown = I don't know the time zone { $timezone }. Send it as Area/City, for example <code>/timezone Europe/Warsaw</code>.

## /follow, /unfollow
follow-usage = What should I watch for? A name, a city or a phrase in quotes, for example <code>/follow Zelensky</code> or <code>/follow "Kyiv metro"</code>.
follow-added = Done: every new story that mentions { $terms ->
        [one] { $words }
       *[other] all the words of { $words }
    } will come to you.
follow-exists = You already follow { $words }.
follow-too_common = { $words } is in nearly every story: an alert for it would bring you all of them. Follow a name, a place or a phrase, for example <code>/follow Zelensky</code> or <code>/follow "Kyiv metro"</code>.
follow-single_letter = { $words } is a single letter to the search, which sees only letters and digits (the "++" of "C++" and the "#" of "C#" are left out): an alert for it would bring every story with that letter alone, like "Washington, D.C.". Follow it with a word beside it, for example <code>/follow "C++ compiler"</code>, or a name.
follow-limit = You follow { $limit } { $limit ->
        [one] keyword
       *[other] keywords
    } already, the most there can be, so these were not added: { $words }. /unfollow some first.
unfollow-all = Keyword alerts removed: { $count }.
unfollow-nothing = You have no keyword alerts.
unfollow-done = No more alerts for { $words }.
unfollow-missing = You don't follow { $words }. Yours: { $follows }.
unfollow-missing_none_left = You don't follow { $words }.

## Digests (/digest) and the digest messages
digest-usage = How often? <code>/digest daily 08:00</code> (every day at that time), <code>/digest hourly</code>, <code>/digest now</code> (right away) or <code>/digest off</code>.
digest-bad_time = { $time } is not a time of day. Send it as HH:MM from 00:00 to 23:59, for example <code>/digest daily 08:00</code>.
digest-need_time = At what time? For example <code>/digest daily 08:00</code> (your time zone: { $timezone }).
digest-daily = Done: a digest of your topics every day at { $time } ({ $timezone }). The next one: { $next }.
digest-hourly = Done: a digest of your topics every hour, on the hour. The next one: { $next }.
digest-off = Digests are off.
digest-also_instant = New stories still come one by one as well; <code>/instant off</code> for the digest only.
digest-no_topics = You have no topics yet, so a digest would be empty. Pick some with /topics.
digest-empty = Nothing new on your topics since your last digest.
digest-unavailable = Digests are not available right now. Please try again later.
digest-title-daily = <b>Your daily digest</b> · { $date }
digest-title-hourly = <b>Your hourly digest</b> · { $time }
digest-title-now = <b>Your digest</b> · since { $since }
digest-title-quiet = <b>While it was quiet</b> · { $start }–{ $end }
digest-part = ({ $part }/{ $total })
digest-more = …and { $count } more

## Quiet hours (/quiet)
quiet-usage = When? <code>/quiet 23:00-07:00</code>: stories in that window come without sound; <code>/quiet 23:00-07:00 hold</code>: they wait and come as one message when it ends; <code>/quiet off</code>.
quiet-bad = { $text } is not a time window. Send it as HH:MM-HH:MM, for example <code>/quiet 23:00-07:00</code>.
quiet-silent = Done: from { $start } to { $end } ({ $timezone }) stories come without sound.
quiet-hold = Done: stories that come from { $start } to { $end } ({ $timezone }) wait and arrive as one message at { $end }.
quiet-off = Quiet hours are off.

## /stop and the rest
stop-done = Done: no more messages from me, and your data is deleted. Send /start whenever you want to come back.
hint-text = I understand commands; /help lists them.
hint-unknown_command = I don't know the command { $command }; /help lists the ones I do.
reply-cut = (The rest of this answer, { $count } more { $count ->
        [one] message,
       *[other] messages,
    } is left out: it is too long for Telegram.)
error-generic = Something went wrong on my side. Please try again later.

## Admin command menu (only for ADMIN_IDS)
cmd-stats = Statistics and a chart of sends
cmd-sources = List feed sources
cmd-addsource = Add a feed: /addsource URL [topics]
cmd-delsource = Remove a feed: /delsource ID
cmd-import = Import sources from an OPML file
cmd-export = Export sources as OPML
cmd-channels = List channels
cmd-addchannel = Add a channel: /addchannel CHAT_ID[:THREAD] [topics] [key=value]
cmd-channel = A channel's edition: /channel CHAT_ID key=value
cmd-delchannel = Remove a channel: /delchannel CHAT_ID
cmd-addtopic = Add a topic: /addtopic slug English | Українська
cmd-keywords = Keyword rules: /keywords slug word, word
cmd-audit = The last 20 admin actions
cmd-post = Push a story now: /post ARTICLE_ID
cmd-hold = Never push a story: /hold ARTICLE_ID
cmd-breaking = Breaking news: /breaking ARTICLE_ID
cmd-broadcast = A notice to every reader: /broadcast TEXT
cmd-pause = Pause all pushing
cmd-resume = Resume pushing

## Admin buttons, callback answers and the stats chart
btn-send_all = 📣 Send to everyone
btn-cancel = Cancel
cb-broadcast_started = Sending…
cb-broadcast_cancelled = Cancelled.
cb-broadcast_gone = This broadcast was sent or cancelled already.
cb-not_admin = Only the newsroom's editors can do that.
fmt-chart_title = Messages sent per hour, last 48 hours
fmt-chart_ylabel = messages

## Replies to admins
adm-denied = Sorry, this command is for the newsroom's editors only.
adm-failed = That did not work: { $error }
adm-word-all = all
adm-word-on = on
adm-word-off = off
adm-word-never = never
adm-word-none = none
adm-word-shipped = shipped
adm-topics-unknown = I don't know the topic { $names }. Topics: { $topics }.
adm-stats-title = <b>Statistics</b> · { $time }
adm-stats-readers = Readers: { $active } active, { $inactive } inactive
adm-stats-per_topic = By topic: { $topics }
adm-stats-stories = Stories stored: { $today } today, { $week } this week
adm-stats-messages = Messages today: { $sent } sent, { $failed } failed
adm-stats-shared = Shared inline: { $today } today, { $week } this week
adm-stats-backlog = Outbox: { $pending } waiting, the oldest for { $minutes } min
adm-stats-backlog_empty = Outbox: nothing waiting
adm-stats-paused = ⏸ Pushing is paused (/resume).
adm-stats-embargoed = <b>Under embargo</b>: { $count } { $count ->
        [one] story
       *[other] stories
    }
adm-stats-embargoed_item = { $id }. { $title }: embargoed until { $until }
adm-stats-embargoed_held_item = { $id }. { $title }: embargoed until { $until }; held: it won't go out then (/post { $id } lifts the hold)
adm-stats-sources = <b>Sources</b>
adm-stats-source = { $id }. { $name }: last success { $success }; { $items } { $items ->
        [one] story
       *[other] stories
    } in 24 h
adm-stats-source_error = { $id }. { $name }: last success { $success }; { $items } { $items ->
        [one] story
       *[other] stories
    } in 24 h; last error: { $error }
adm-stats-no_sources = No sources yet (/addsource URL).
adm-stats-caption = Messages sent per hour over the last 48 hours.
adm-sources-title = <b>Sources</b> ({ $count })
adm-sources-item = <code>{ $id }</code> { $url } · topics: { $topics } · every { $interval } s · { $health }
adm-sources-item_named = <code>{ $id }</code> <b>{ $name }</b> · { $url } · topics: { $topics } · every { $interval } s · { $health }
adm-sources-empty = No sources yet. Add one: <code>/addsource URL [topics]</code>.
adm-health-ok = ok, last { $time }
adm-health-never = not fetched yet
adm-health-failing = failing ×{ $count }: { $error }
adm-addsource-usage = Send <code>/addsource URL [topics]</code>, for example <code>/addsource https://example.org/rss war,politics</code>.
adm-addsource-bad_url = { $url } is not an http(s) URL.
adm-addsource-exists = { $url } is a source already (id { $id }).
adm-addsource-added = Added source <code>{ $id }</code>: { $url }. First fetch: { $new } new { $new ->
        [one] story
       *[other] stories
    }, { $updated } updated, { $skipped } already stored.
adm-addsource-fetch_failed = Added source <code>{ $id }</code>: { $url }, but the first fetch failed: { $error }. I'll keep trying; /delsource { $id } removes it.
adm-delsource-usage = Send <code>/delsource ID</code>; /sources lists the ids.
adm-delsource-missing = There is no source with id { $id }.
adm-delsource-done = Removed source { $id }: { $url }.
adm-import-usage = Send an OPML file as a document with the caption <code>/import</code>, or reply <code>/import</code> to one.
adm-import-bad = That file is not usable OPML: { $error }
adm-import-unavailable = I could not get that file from Telegram ({ $error }). Send it again.
adm-import-too_big = The file is too large (at most { $mb } MB).
adm-import-done = Import: { $added } new { $added ->
        [one] source
       *[other] sources
    }, { $existing } already there, { $skipped } skipped (not http(s)).
adm-export-caption = { $count } { $count ->
        [one] source
       *[other] sources
    } as OPML.
adm-export-empty = No sources to export yet.
adm-channels-title = <b>Channels</b> ({ $count })
adm-channels-item = <code>{ $target }</code> { $title } · topics: { $topics } · preview { $preview } · silent { $silent }
    edition: words { $language } · stories { $stories } · include: { $include } · exclude: { $exclude } · template { $template }
adm-channels-untitled = (title not known yet)
adm-channels-unseen = (I can't see this chat: add me to it, or remove it with /delchannel)
adm-channels-empty = No channels yet. Add one: <code>/addchannel CHAT_ID[:THREAD_ID] [topics]</code>.
adm-addchannel-usage = Send <code>/addchannel CHAT_ID[:THREAD_ID] [topics] [key=value …]</code>, for example <code>/addchannel -1001234567890:42 war silent=on</code> or <code>/addchannel -1001234567890 language=en story-languages=en exclude="football"</code>. Options: preview=on|off, silent=on|off, language=uk|en (the fixed words), story-languages=uk,en, include=…, exclude=… (keywords, comma-separated), template=NAME (under TEMPLATES_DIR). Make me an admin there first.
adm-addchannel-bad_target = { $target } is not a chat id: a number like <code>-1001234567890</code>, or <code>-1001234567890:42</code> for a forum topic.
adm-addchannel-not_found = I can't see the chat { $target }. Add me to it as an administrator, then try again.
adm-addchannel-migrated = The group { $target } became the supergroup <code>{ $new }</code>: add that id instead.
adm-addchannel-not_admin = I'm not an administrator of { $title } ({ $target }), so I can't post there. Make me an admin who may post messages, then try again.
adm-addchannel-no_rights = I'm an administrator of { $title } ({ $target }) but may not post messages there. Give me that right, then try again.
adm-addchannel-not_forum = { $title } ({ $target }) has no forum topics, so there is no thread { $thread }.
adm-addchannel-no_thread = { $title } ({ $target }) has no forum topic { $thread }: a topic's number is the last one of its link (t.me/c/…/7).
adm-addchannel-private = { $target } is a private chat, not a channel or group.
adm-addchannel-added = Added { $title } ({ $target }): topics { $topics }, link preview { $preview }, silent { $silent }; words { $language }, stories { $stories }, include { $include }, exclude { $exclude }, template { $template }.
adm-addchannel-updated = Updated { $title } ({ $target }): topics { $topics }, link preview { $preview }, silent { $silent }; words { $language }, stories { $stories }, include { $include }, exclude { $exclude }, template { $template }.
adm-delchannel-usage = Send <code>/delchannel CHAT_ID</code>, or <code>CHAT_ID:THREAD_ID</code> for one forum topic.
adm-delchannel-missing = There is no channel { $target }.
adm-channel-usage = Send <code>/channel CHAT_ID[:THREAD_ID] key=value …</code> to change a channel's edition, for example <code>/channel -1001234567890 language=en story-languages=en include="air strike,missile"</code>. Keys: topics, preview=on|off, silent=on|off, language=uk|en (the fixed words), story-languages (codes; empty: all), include and exclude (keywords, comma-separated; empty: none), template (a name under TEMPLATES_DIR; empty: the shipped one).
adm-channel-missing = There is no channel { $target }: add it with /addchannel first.
adm-channel-done = Changed { $target }: topics { $topics }, link preview { $preview }, silent { $silent }; words { $language }, stories { $stories }, include { $include }, exclude { $exclude }, template { $template }.
adm-edition-unknown_key = I don't know the option { $option }: use topics, language, story-languages, include, exclude, template, preview or silent.
adm-edition-no_value = { $option } needs a value.
adm-edition-bad_language = language takes { $choices } (the language of the fixed words), not { $value }.
adm-edition-bad_story_language = { $value } is not a language code: story-languages takes ISO 639 codes such as <code>uk,en,ru</code>.
adm-edition-bad_keyword = { $value } has no word to match in { $option }.
adm-edition-too_common = { $value } is in nearly every story: in { $option } it would take or drop nearly every one. Use a name, a place or a phrase.
adm-edition-include_exclude = { $words } would be both in include and in exclude: put each keyword in one of them only.
adm-edition-bad_switch = { $option } takes on or off, not { $value }.
adm-edition-unbalanced_quotes = A quote is not closed: put keywords with spaces in double quotes, for example <code>include="air strike"</code>.
adm-edition-bad_template = That template won't do: { $reason }
adm-delchannel-done = Removed { $count } { $count ->
        [one] target
       *[other] targets
    } of { $target }.
adm-addtopic-usage = Send <code>/addtopic slug English title | Українська назва</code>, for example <code>/addtopic energy Energy | Енергетика</code>.
adm-addtopic-bad_slug = { $slug } can't be a slug: use 2–32 lowercase Latin letters, digits, - or _.
adm-addtopic-exists = The topic { $slug } exists already.
adm-addtopic-reserved = { $name } already means something where topics are named (/subscribe all, the picker's All and None): choose another name.
adm-addtopic-done = Added topic { $slug }: { $en } / { $uk }. Keyword rules: <code>/keywords { $slug } word, word</code>.
adm-keywords-usage = Send <code>/keywords slug word, word</code>, for example <code>/keywords energy power grid, blackout, енергетика</code>. A keyword matches the same word in any form (power grids, енергетики) in a headline or lead. <code>/keywords slug</code> lists a topic's rules.
adm-keywords-done = Keywords of { $slug } ({ $count }): { $keywords }.
adm-keywords-changed = Keywords of { $slug }: { $count }. Added: { $added }. Removed: { $removed }.
adm-keywords-too_common = Not added, in nearly every story (a rule of them would tag nearly every story): { $words }.
adm-keywords-not_rules = Not rules of { $slug }, nothing to remove: { $words }.
adm-keywords-single_letter = Not added, a single letter to the index, which sees only letters and digits (the "#" of "C#" is left out): a rule of it would tag every story with that letter alone, like "Washington, D.C.": { $words }. Add it with a word beside it (<code>C# language</code>).
adm-audit-title = <b>Last { $count } admin { $count ->
        [one] action
       *[other] actions
    }</b>
adm-audit-item = { $mark } { $time } · <code>{ $admin }</code> · { $action }
adm-audit-empty = No admin actions recorded yet.
adm-post-usage = Send <code>/post ARTICLE_ID</code>: the number of a story in the store.
adm-hold-usage = Send <code>/hold ARTICLE_ID</code>: the number of a story in the store.
adm-breaking-usage = Send <code>/breaking ARTICLE_ID</code>: the number of a story in the store.
adm-story-missing = There is no story { $id }.
adm-post-done = Story { $id } «{ $title }» pushed: { $queued } { $queued ->
        [one] message
       *[other] messages
    } queued ({ $channels } to channels, { $readers } to readers).
adm-post-paused = Pushing is paused: they go out after /resume.
adm-post-embargoed = Story { $id } «{ $title }» is embargoed until { $until }: it goes out then, not before. To release it earlier, change its published_at.
adm-hold-already = Story { $id } «{ $title }» is held already: /post { $id } pushes it.
adm-hold-done = Story { $id } «{ $title }» is held: it won't be pushed; { $stopped } waiting { $stopped ->
        [one] message
       *[other] messages
    } cancelled.
adm-hold-late = { $went } { $went ->
        [one] message was
       *[other] messages were
    } already on { $went ->
        [one] its way and went
       *[other] their way and went
    } out.
adm-breaking-already = ⚡ Story { $id } «{ $title }» is breaking news already: nothing more to move ahead or pin.
adm-breaking-done = ⚡ Story { $id } «{ $title }» is breaking news: { $moved } { $moved ->
        [one] message goes
       *[other] messages go
    } ahead of the queue; { $pins } channel { $pins ->
        [one] post
       *[other] posts
    } already sent to be pinned.
adm-breaking-held = Story { $id } «{ $title }» is marked breaking news but stays held: /post { $id } pushes it, ahead of the queue.
adm-breaking-embargoed = Story { $id } «{ $title }» is marked breaking news; it is embargoed until { $until } and goes out then, as breaking news, not before.
adm-pause-done = ⏸ Pushing paused: nothing goes to channels or readers until /resume. Messages wait in the outbox.
adm-pause-already = Pushing is paused already.
adm-resume-done = ▶️ Pushing resumed; { $pending } waiting { $pending ->
        [one] message goes
       *[other] messages go
    } out now.
adm-resume-already = Pushing isn't paused.
adm-broadcast-usage = Send <code>/broadcast TEXT</code>. The text may use Telegram HTML: <code>&lt;b&gt;</code>, <code>&lt;i&gt;</code>, <code>&lt;a href="…"&gt;</code>.
adm-broadcast-bad_html = Telegram would reject this text: { $error }. Fix it and send /broadcast again.
adm-broadcast-rejected = Telegram rejected the preview: { $error }. Nothing was saved; fix the text and send /broadcast again.
adm-broadcast-preview = <b>Preview</b> of a broadcast to { $count } active { $count ->
        [one] reader
       *[other] readers
    } (above). Send it?
adm-broadcast-progress = 📣 Broadcast { $id }: sent { $sent } of { $total }…
adm-broadcast-done = 📣 Broadcast { $id } finished: { $delivered } delivered, { $blocked } blocked, { $failed } failed (of { $total }).
adm-broadcast-cancelled = Broadcast cancelled; nothing was sent.
adm-error_report = ⚠️ Error while handling { $where }: { $error }

## Watchdog
watch-alert-source_failing = ⚠️ Source { $id } ({ $url }) has been failing for { $minutes } min: { $error }
watch-ok-source_failing = ✅ Source { $id } ({ $url }) works again.
watch-alert-sender_stalled = ⚠️ Nothing has been sent for { $minutes } min while { $pending } { $pending ->
        [one] message is
       *[other] messages are
    } due. Check the bot's logs.
watch-ok-sender_stalled = ✅ Messages are going out again.
watch-alert-no_stories = ⚠️ No new story from any source for { $minutes } min.
watch-ok-no_stories = ✅ New stories are arriving again.
watch-alert-backlog = ⚠️ The oldest waiting message has waited { $minutes } min.
watch-ok-backlog = ✅ The outbox has caught up.
watch-alert-updates_failing = ⚠️ { $count } Telegram { $count ->
        [one] update
       *[other] updates
    } could not be read in { $minutes } min and { $count ->
        [one] was
       *[other] were
    } skipped (last: update { $update_id }, { $error }). Check the bot's logs.
watch-ok-updates_failing = ✅ Telegram updates are read again.
watch-alert-polling_failing = ⚠️ Receiving updates from Telegram has failed for { $minutes } min ({ $attempts } { $attempts ->
        [one] attempt
       *[other] attempts
    }): { $error }
watch-ok-polling_failing = ✅ Updates from Telegram arrive again.
watch-alert-channel_failing = ⚠️ The last post to channel { $target } failed: { $error }. Stories to it will fail the same way until that is fixed (/channels, /delchannel).
watch-ok-channel_failing = ✅ Channel { $target } takes posts again.

## Channel posts: the fixed words of a story (bot/render/story.py, templates' t.NAME)
story-read_more = Read more
story-untitled = Untitled
story-recall = Recall
story-breaking = ⚡ Breaking
