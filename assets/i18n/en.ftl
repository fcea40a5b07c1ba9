# regulars — English. Every sentence the user reads, in Project Fluent syntax (https://projectfluent.org).
# it.ftl must hold exactly the same message ids with the same $variables: a test checks both.

## Typed input refused (next to the field in a form, or as the error of a command)

error-name-required = A name is needed.
error-too-long = Too long: at most { $max } characters.
paste-too-long = Not pasted: that would make { $chars } characters, and a field holds at most { $max }.
error-bad-phone = "{ $text }" is not a phone number: use digits, spaces and + (at least 3 digits).
error-bad-email = "{ $text }" is not an email address.
error-bad-birthday = "{ $text }" is not a birthday: write DD/MM or DD/MM/YYYY.
error-birthday-in-future = "{ $text }" is after today: a birthday cannot be in the future (if unsure of the year, write only DD/MM).
error-bad-date = "{ $text }" is not a date: write today, tomorrow, monday, +3d, 25/12, 25/12/2026 or 2026-12-25.
error-no-such-date = "{ $text }" does not exist in the calendar: check the day and the month.
error-bad-since = "{ $text }" is not a date: write a year (2015), a month (03/2015), a day (01/03/2015 or 2015-03-01), or how long ago (-3y).
error-since-in-future = "{ $text }" is in the future, and "customer since" cannot be.
error-bad-amount = "{ $text }" is not an amount: write 12.50 or 12,50.
error-ambiguous-amount = "{ $text }": cents or thousands? Write 12.35 or 12,35 for cents, { $thousands } for thousands.
error-note-required = The note is empty.
error-forget-name = Type their name as the card shows it (capitals and accents do not matter), or press Esc.
add-consent-without-contact = { $channel ->
    [sms] --consent sms needs a phone number to send text messages to: add --phone, or leave the consent out.
    [phone] --consent phone needs a phone number to call: add --phone, or leave the consent out.
   *[email] --consent email needs an email address: add --email, or leave the consent out.
}
error-consent-without-contact = { $channel ->
    [sms] Text messages are ticked, but there is no phone number: add one, or untick the box.
    [phone] Phone calls are ticked, but there is no phone number: add one, or untick the box.
   *[email] Email is ticked, but there is no email address: add one, or untick the box.
}
error-promise-required = Write what was promised.
error-complaint-answers = A complaint cannot be the answer to a complaint: choose note, praise or apology.
error-due-in-past = "{ $text }" is in the past: a promise is due today or later.

## The main screen

search-title = Search
search-placeholder = type a name, nickname or phone…
list-title = Customers
detail-title = Greeting card
notes-title = Timeline
no-customers-yet = No customers yet. Type a name and press Enter to add the first.
no-selection = Nobody selected.
nothing-yet = Nothing written yet.
no-match = Nobody matches "{ $query }". Press Enter to add them as a new customer.
list-count-all = { $total ->
    [one] 1 customer
   *[other] { $total } customers
}
list-count-some = { $shown } of { $total }
greet = Greet as: { $name }
since-line = Customer since { $since } ({ $tenure })
last-visit-never = Last visit: no visits yet
last-visit = Last visit: { $when } · { $visits }
visits = { $count ->
    [one] 1 visit
   *[other] { $count } visits
}
birthday-today = Birthday today!
birthday-today-turning = Birthday today! Turns { $age }
birthday-tomorrow = Birthday tomorrow ({ $date })
birthday-tomorrow-turning = Birthday tomorrow ({ $date }, turns { $age })
birthday-in-days = Birthday in { $days } days ({ $date })
birthday-in-days-turning = Birthday in { $days } days ({ $date }, turns { $age })
label-likes = Likes
label-pinned = Pinned
label-phone = Phone
label-email = Email
label-tags = Tags
label-id = id
label-tier = Tier
note-kind-note = Note
note-kind-praise = Praise
note-kind-complaint = Complaint
note-kind-apology = Apology
timeline-visit = Visit
timeline-void = Void
timeline-promise = Promise
timeline-promise-kept = Promise kept
timeline-promise-cancelled = Promise cancelled
timeline-reward = Reward taken
stamps-used = { $count ->
    [one] 1 stamp
   *[other] { $count } stamps
}
promise-state-kept = kept
promise-state-cancelled = cancelled
promise-due = due { $date }
promise-open-line = ◆ due { $date }: { $text }
more-on-card = … and { $count } more (Tab: the timeline)
promise-today-line = ◆ due today: { $text }
promise-overdue-line = ! OVERDUE, was due { $date }: { $text }
agenda-promise-overdue = ! promise overdue, was due { $date }
agenda-promise-due = promise due { $date }
agenda-promise-today = promise due today
agenda-birthday-today = birthday today
agenda-birthday-today-turns = birthday today: turns { $age }
agenda-birthday = birthday { $date }
agenda-birthday-turns = birthday { $date }: turns { $age }
agenda-anniversary = { $years ->
    [one] one year with us today
   *[other] { $years } years with us today
}
agenda-complaint = ! open complaint since { $date }
agenda-section-promises = Promises overdue and due this week ({ $count })
agenda-section-birthdays = Birthdays this week ({ $count })
agenda-section-anniversaries = With us for years today ({ $count })
agenda-section-complaints = Complaints waiting for an answer ({ $count })
agenda-section-thanks = Referrers to thank ({ $count })
agenda-thank = thank them: { $name } came for the first time { $date }
agenda-section-lapsed = Regulars past their rhythm ({ $count })
agenda-lapsed = away { $days } days, usually every { $rhythm ->
    [one] day
   *[other] { $rhythm } days
}
agenda-title = Today, { $date }
agenda-empty = Nothing on today's agenda: no promise due, no birthday this week, no complaint waiting.
bar-due = { $count } today
answers-complaint = answer
open-complaint-line = ! Open complaint since { $date }: { $text }

## How long: tenure, relative days

tenure-new-today = new today
tenure-days = { $n ->
    [one] 1 day
   *[other] { $n } days
}
tenure-months = { $n ->
    [one] 1 month
   *[other] { $n } months
}
tenure-years = { $n ->
    [one] 1 year
   *[other] { $n } years
}
tenure-year-and-months = 1 year, { $months ->
    [one] 1 month
   *[other] { $months } months
}
day-today = today
day-yesterday = yesterday
days-ago = { $n } days ago
weeks-ago = { $n ->
    [one] 1 week ago
   *[other] { $n } weeks ago
}
months-ago = { $n ->
    [one] 1 month ago
   *[other] { $n } months ago
}
years-ago = { $n ->
    [one] a year ago
   *[other] { $n } years ago
}
day-future = in the future
short-today = today
short-days = { $n }d
short-weeks = { $n }w
short-months = { $n }mo
short-years = { $n }y
short-future = future

## Status messages

visit-pending = Logging a visit for { $name }…
write-pending = Saving for { $name }…
visit-logged = Visit logged for { $name }.
note-added = Note added for { $name }.
promise-made = Promise to { $name } saved, { $due }.
promise-kept-status = Promise kept for { $name }: { $text }
promise-cancelled-status = Promise cancelled for { $name }: { $text }
no-open-promise = No open promise to mark kept.
customer-added = { $name } added as a new customer.
customer-saved = Changes to { $name } saved.
not-saved = Not saved: { $reason } Your text is still in the form.
failed = Not done: { $reason }
draft-restored = A form left unsaved last time is back: Enter saves it, Esc discards it.
draft-restored-gone = The unsaved form is back, but its customer is gone: Esc discards it.
draft-saved-already = Saved once before the desk closed: Enter saves it again (once), Esc keeps it.
form-note-for = Note for { $name }
form-visit-for = Visit for { $name }
form-promise-for = Promise to { $name }
form-edit-for = Edit { $name }
form-note-gone = Note for a customer who is no longer here
form-visit-gone = Visit for a customer who is no longer here
form-promise-gone = Promise to a customer who is no longer here
form-edit-gone = Edit a customer who is no longer here
form-forget-for = Forget { $name } for good
field-forget-name = Their name
hint-forget-name = type the name as the card shows it
forget-explained = Their card, visits, notes, promises and referral links are erased from this store, and no byte of them is left in its files. This cannot be undone. Backups made before still hold them.
forgotten-here = { $name } is forgotten; backups made before still hold them.
nothing-to-undo = Nothing to undo: only the last save here can be undone, within 10 minutes.
nothing-more-to-undo = Nothing more to undo: only the last save can be undone.
nothing-in-history = Nothing in the timeline yet.
question-not-answered = That looked like typing: nothing was answered. Read the question, then press y or n.
already-a-customer = { $name } is already a customer (here). Ctrl-N again adds another.
entry-title = History of { $name }
by-staff = by { $name }
by-nobody = staff not recorded
undo-question-visit = Undo the visit logged for { $name } at { $time }? y/n
undo-question-note = Undo the note added for { $name } at { $time }? y/n
undo-question-edit = Undo the changes to { $name } made at { $time }? y/n
undo-question-added = Undo adding { $name } at { $time }? They are removed again. y/n
undo-question-void = Undo the void made for { $name } at { $time }? What it took back counts again. y/n
undo-question-promise = Undo the promise made to { $name } at { $time }: "{ $what }"? y/n
undo-question-kept = Undo marking the promise to { $name } kept at { $time }: "{ $what }"? It will be open again. y/n
undo-question-cancelled = Undo cancelling the promise to { $name } at { $time }: "{ $what }"? It will be open again. y/n
undo-question-redeemed = Undo the reward { $name } took at { $time }? Its stamps go back on the card. y/n
void-question-visit = Void the visit of { $when } for { $name }? It leaves the counts and the timeline (Ctrl-Z brings it back). y/n
void-question-note = Void the note of { $when } for { $name }? It leaves the timeline (Ctrl-Z brings it back). y/n
void-question-promise = Void the promise of { $when } to { $name }? It leaves the card and the timeline (Ctrl-Z brings it back). y/n
void-question-promise-end = Open again the promise for { $name } that was kept or cancelled on { $when }? y/n
void-question-consent = Void the consent change of { $when } for { $name }? What held before it holds again (Ctrl-Z brings it back). y/n
void-question-redemption = Void the reward { $name } took on { $when }? Its stamps go back on the card (Ctrl-Z takes them again). y/n
cancel-promise-question = Cancel the promise to { $name }: "{ $text }"? It stays in the timeline as cancelled. y/n
visit-again-question = A visit for { $name } was already logged at { $time }. Log another one? y/n
same-name-question = { $name } is already a customer. Add another customer with the same name? y/n
undone-visit = Undone: the visit for { $name } is voided.
undone-note = Undone: the note for { $name } is voided.
undone-edit = Undone: { $name } is back as before.
undone-added = Undone: { $name } is removed.
undone-void = Undone: what was voided for { $name } counts again.
undone-promise = Undone: the promise to { $name } is voided.
undone-promise-end = Undone: the promise to { $name } is open again.
undone-redeemed = Undone: the reward { $name } took is back on their card.
voided-visit = Visit voided for { $name }.
voided-note = Note voided for { $name }.
voided-promise = Promise voided for { $name }.
voided-promise-end = The promise to { $name } is open again.
voided-consent = Consent change voided for { $name }: what held before it holds again.
voided-redemption = The reward { $name } took is voided: its stamps are back on the card.
form-cancelled = Form closed; nothing was saved.
fix-field = Please correct the highlighted field.

## Forms

form-new-customer = New customer
form-edit-customer = Edit customer
form-note = Note
form-visit = Visit
form-promise = Promise
field-name = Name
field-nickname = Greet as
field-phones = Phones
field-email = Email
field-birthday = Birthday
field-since = Customer since
field-tags = Tags
field-likes = Likes
field-note-text = Text
field-promise-text = Promised
field-due = Due
field-answers = Answers
field-note-kind = Kind
field-pinned = Pinned
field-amount = Amount
field-what = What
field-till = Till
hint-phones = separate several with commas
hint-birthday = DD/MM or DD/MM/YYYY
hint-since = empty = today; 2006, 01/03/2010…
hint-tags = separate with commas
hint-choice = ← → to change
hint-toggle = Space to change
hint-amount = optional, e.g. 12.50
hint-due = today, tomorrow, +3d, +2w, friday, 25/12; empty: today
hint-answers = Space: this note answers the open complaint
yes = yes
no = no
# The answers (y = …, n = …) are joined by no-break spaces: the question box never splits them.
discard-question = Discard what you typed? y = discard, n = keep editing
quit-question = Quit with a form open? What you typed comes back next time. y = quit, n = keep editing
quit-question-throwaway = Quit with a form open? This is the demo: its store is thrown away, and what you typed with it. y = quit, n = keep editing
crashed = regulars stopped on an unexpected error; nothing saved is lost, and a form you were typing comes back when you start it again.
crashed-log = regulars stopped on an unexpected error; nothing saved is lost, and a form you were typing comes back when you start it again. Details are in { $log }.

## Help and the key bar

help-title = Help — keys
help-footer = Esc closes this help.
help-more-below = ↓ more below
help-more-above = ↑ more above
help-more-both = ↑ ↓ more
help-scroll = Scroll this help (PgUp, PgDn, Home, End too)
bar-scroll = scroll
mode-search = Searching
mode-customer = On a customer
mode-form = In a form
mode-anywhere = Anywhere
key-typing = letters/digits
key-a-name = a name
key-enter = Enter
key-up = ↑
key-down = ↓
key-up-down = ↑ ↓
key-page-up = PgUp
key-page-down = PgDn
key-home = Home
key-end = End
key-esc = Esc
key-tab = Tab
key-shift-tab = Shift-Tab
key-alt-enter = Alt-Enter
key-yes = y
key-no = n
bar-open = open
bar-move = move
bar-visit = visit
bar-note = note
bar-today = today
bar-promise = promise
bar-kept = kept
bar-edit = edit
bar-back = back
bar-next-field = next field
bar-save = save
bar-forget = forget
bar-cancel = cancel
bar-close = close
bar-new = new
bar-help = help
bar-quit = quit
help-type = Type a name, nickname or phone digits: the list narrows as you type
help-type-on-card = Typing a name starts the next search: a letter followed quickly by more letters is never a command, and a command letter on its own acts at once
help-clear-text = Clear before the cursor, after it, or the word before it
help-open = Open the selected customer; with no match, add the typed name as a new customer
help-move = Move the selection
help-page-up = One page up
help-page-down = One page down
help-home = First in the list
help-end = Last in the list
help-clear = Clear the search
help-visit = Log a visit now
help-visit-form = Log a visit with amount and what they took
help-note = Add a note (praise, complaint, apology…)
help-today = Show today's agenda: promises due, birthdays, anniversaries, complaints waiting, regulars past their rhythm, referrers to thank
help-today-open = Open the customer of the selected line
help-today-close = Close Today (also Ctrl-T)
help-promise = Make a promise, with the day it is due
help-kept = Mark the first open promise kept (in the timeline: the one selected)
help-hide = Hide everything on the screen at once (also Ctrl-L); the next key only brings it back
privacy-back = Press any key to go back to the desk
help-edit = Edit the customer
help-back = Back to an empty search, ready for the next customer
help-next-field = Next field
help-prev-field = Previous field
help-save = Save
help-new-line = New line in a long text
help-cancel = Close the form (asks first if you typed something)
help-close = Close help
bar-history = timeline
bar-read = read
bar-void = void
bar-cancel-promise = cancel promise
help-history = Go to the timeline: choose an entry to read it whole, void it or cancel a promise
help-forget = Forget this customer for good, and everything about them (asks for their name first; cannot be undone)
help-undo = Undo the last thing this desk saved (the last 10 minutes; says what and asks first)
help-read = Show the selected entry whole: all its text, who wrote it and when
help-void = Void the selected visit or note (it leaves the counts and the timeline, the store keeps it marked voided, Ctrl-Z brings it back), or cancel the selected open promise; asks first
help-focus-card = Back to the greeting card
help-close-entry = Close the entry
help-slash = A new search, as Esc: the letters typed after it are the search
key-esc-tab = Esc, Tab
mode-timeline = In the timeline
mode-entry = Reading an entry
mode-today = Today
help-new = New customer (the name starts from the search)
help-help = This help
help-quit = Quit (Ctrl-C works too; asks first if a form has text)

## Errors of the store and the command line

store-locked = The store at { $path } is in use by another regulars desk or command; close it and try again.
store-too-new = The store at { $path } was written by a newer regulars (format { $found }, this one reads up to { $supported }); update regulars to open it.
store-damaged = The store at { $path } is damaged ({ $detail }); restore it from a backup (see the README, "Backup").
disk-full = The disk holding the store at { $path } is full: nothing more can be saved until some space is freed.
store-not-writable = The store at { $path } cannot be written by this user (permission denied); the desk needs to write even to read it: check the folder's owner and permissions, or use a copy.
store-io = The store at { $path } could not be used: { $detail }.
damage-unreadable = sled could not read it
damage-schema-unreadable = the schema version is unreadable
damage-schema-lost = it was used before but has lost its schema version
damage-no-schema = it holds records but no schema version
damage-store-id = the store id is unreadable
damage-journal = an index journal entry is malformed
damage-identity-lost = it was used before but has lost its identity record
damage-customers-missing = customers it held before are missing
damage-no-migration = no way to migrate from format { $version }
damage-meta-unreadable = the { $key } in meta is unreadable
record-customer = a customer
record-visit = a visit
record-note = a note
record-void = a void
record-promise = a promise
record-redemption = a reward taken
record-consent = a consent change
record-figures = a customer's visit figures
codec-empty = an empty record
codec-unknown-version = a record in format { $version }, which this version does not know
codec-malformed = a record that cannot be read ({ $detail })
no-customer = There is no customer with id { $id }.
no-event = There is no visit, note or promise with id { $id }.
already-voided = { $id } is already voided.
no-reward-ready = No reward is ready yet: { $stamps } of { $per_reward } stamps.
no-promise = There is no promise with id { $id }.
no-complaint = { $id } is not an open complaint of this customer (it may have been answered already).
promise-already-ended = The promise { $id } was { $outcome ->
    [kept] kept
   *[cancelled] cancelled
} already.
customer-in-use = Customer { $id } already has visits or notes, so they cannot be removed.
bad-backup = The backup { $path } cannot be used: { $detail } Nothing was restored.
bad-backup-checked = The backup { $path } cannot be used: { $detail }
not-a-backup = { $path } is not a backup of this desk.
store-not-empty = The store at { $path } already holds { $customers ->
    [one] 1 customer
   *[other] { $customers } customers
}: restore only into an empty store, or add --force (the current store is first saved as a backup beside it).
backup-unknown-format = it is written in backup format { $format }, which this version cannot read.
backup-cut-short = it is cut short (a copy that did not finish?).
backup-malformed = its contents are not laid out as a backup's are.
backup-checksum = its checksum does not match, so the file was damaged or changed after it was written.
backup-io = The backup file { $path } could not be read or written: { $reason }.
backup-no-folder = There is no folder { $folder }: check the path (is the USB stick plugged in?).
backup-missing = There is no file { $path }.
backup-not-allowed = This user may not read or write { $path } (permission denied).
backup-inside-store = { $path } is inside the store's own folder ({ $store }): put backups outside it, where a forget or a restore cannot take them away.
backup-made = Backup made: { $path }
backup-failed = The backup could not be made: { $reason }
backup-stale = The last backup is { $days } days old (in { $folder }).
no-backup-yet = No backup of this store yet: one is made when the desk closes.
export-written = Export written to { $path }.
backup-written = Backup written to { $path }: { $customers ->
    [one] 1 customer
   *[other] { $customers } customers
}, { $records } records.
backup-replaced = It replaced the file of that name that was there before.
backup-verified = { $path } is a sound backup: { $customers ->
    [one] 1 customer
   *[other] { $customers } customers
}, { $records } records.
restored = Restored { $customers ->
    [one] 1 customer
   *[other] { $customers } customers
} from { $file } into { $store }.
restore-saved-first = The store that was there is saved first as { $path }.
forget-question = Forget { $name } and everything about them, for good? This cannot be undone. Type y to go on:
forget-not-done = Nothing was forgotten.
forget-progress = forget: { $records } records rewritten…
forgotten = Forgot { $name } ({ $id }): their record, { $visits ->
    [0] no visits
    [one] 1 visit
   *[other] { $visits } visits
}, { $notes ->
    [0] no notes
    [one] 1 note
   *[other] { $notes } notes
} and { $promises ->
    [0] no promises
    [one] 1 promise
   *[other] { $promises } promises
} are gone, and no file of the store holds them any more. Backups made before still do: restoring one brings them back.
own-backups-in = The desk's own backups are in { $folder }.
export-needs-format = Say what to export: --format csv for every customer as a spreadsheet, --format vcf as contact cards, --format json for the whole store, --person ID for one person's data, or --consented CHANNEL for a mailing list.
export-person-is-json = One person's data is exported as JSON: leave --format out, or say --format json.
cannot-write = Cannot write { $path }: { $why }.
io-not-found = there is no such file or folder
io-permission-denied = permission denied
io-is-a-folder = it is a folder
io-disk-full = the disk is full
io-read-only = the disk is read-only
bad-id = "{ $id }" is not an id (ids look like 01JD4Q8W6ZK3V9YB7M2N5P1RXC).
bad-note-kind = "{ $kind }" is not a note kind: use note, praise, complaint or apology.
bad-language = "{ $lang }" is not a language of regulars: use en or it.
demo-store-not-empty = The store at { $path } already has { $count ->
    [one] 1 customer
   *[other] { $count } customers
}; demo fills only an empty store (choose another with --db).
demo-too-many = demo makes at most { $max } customers; { $count } is too many.
demo-progress = demo: { $done } of { $total } customers written…
demo-done = Added { $count } demo customers to { $path }.
no-data-dir = No home directory was found for the store; choose one with --db PATH or REGULARS_DB.
config-where = The config file { $path }
config-where-line = The config file { $path }, line { $line }
config-problem = { $where }: { $key } { $reason }.
config-problem-file = { $where }: { $reason }.
config-not-toml = this is not a valid settings file ({ $detail })
config-unreadable = it could not be read ({ $detail })
config-unknown-key = is not a setting regulars knows (here it knows: { $known })
config-wrong-type = must be { $expected }
config-expected-text = text in quotes
config-expected-whole-number = a whole number, 0 or more
config-expected-number = a number
config-expected-bool = true or false
config-expected-date = a date
config-expected-list = a list
config-expected-section = a section of its own
config-bad-language = must be "en" or "it" (or empty, for the system's language), not "{ $value }"
config-bad-stamp-per = must be "visit" or "amount", not "{ $value }"
config-bad-amount = must be an amount above zero, such as "10.00", not "{ $value }"
config-out-of-range = must be between { $min } and { $max }
config-tier-count = must have between 1 and { $max } tiers
config-first-tier = must be 0: the first tier is where everyone starts
config-tier-step = must be more than the tier before it asks
config-tier-needs-years = is missing a tier's years: each tier needs its years as a customer (years = 0 for the first)
config-tier-name = must be at most 20 characters, on one line
demo-is-for-the-desk = --demo opens the desk on a throwaway store; to fill a store for commands, use `regulars --db PATH demo`.
usage-error = { $detail } (see regulars --help).
usage-error-in = { $detail } (see regulars { $command } --help).
usage-missing = Missing { $args }.
usage-unknown-argument = { $arg } is not an option of this command.
usage-unknown-command = { $command } is not a command.
usage-invalid-value = "{ $value }" is not a valid value for { $arg }.
usage-conflict = { $arg } cannot be used together with { $other }.
no-terminal = The desk needs a terminal; for scripts use the subcommands (regulars --help).

## The command line's --help

cli-about = A keyboard-first loyalty desk for the shop counter.
cli-long-about = A keyboard-first loyalty desk for the shop counter: type a few letters, greet the regular by name, remember what they like, log the visit in one key.

    Without a subcommand, opens the desk.
cli-usage = Usage
cli-options = Options
cli-arguments = Arguments
cli-commands = Commands
# The section names of the manual page (`regulars man`).
man-name = NAME
man-synopsis = SYNOPSIS
man-description = DESCRIPTION
man-manual = General Commands Manual
cli-command-name = COMMAND
cli-options-name = OPTIONS
cli-flag-help = Print help
cli-flag-version = Print the version
cli-arg-db = The store to use (a directory; also the REGULARS_DB environment variable). Default: the platform data directory, e.g. ~/.local/share/regulars/store
cli-arg-staff = Who is at the counter; recorded on visits and notes (default: from the config file)
cli-arg-lang = The language of the desk and the commands (default: the config file, else the locale, e.g. LANG=it_IT.UTF-8)
cli-arg-demo = Open the desk on a fresh throwaway store full of demo customers (deleted when the desk closes)
cli-add = Add a customer; prints the new id
cli-add-name = Full name
cli-add-nickname = How to greet them
cli-add-phone = A phone number (repeat for several)
cli-add-email = An email address
cli-add-birthday = DD/MM, DD/MM/YYYY or YYYY-MM-DD
cli-add-consent = A channel they agree to be contacted on: sms, email, phone or post (repeat for several)
cli-add-since = Customer since (default today): 2006, 01/03/2010, 2010-03-01
cli-add-tag = A tag (repeat for several)
cli-add-likes = What they like
cli-add-referred_by = The id of the customer who referred them
cli-find = Find customers the way the desk does (accents, nicknames, phone digits)
cli-find-query = A few letters of a name or nickname, or phone digits (several words narrow the search)
cli-find-limit = Show at most this many (default 20)
cli-find-json = Print a JSON array instead of lines
cli-show = Show a customer's profile and timeline
cli-show-id = The customer's id (as printed by add or find)
cli-show-json = Print one JSON object instead of text
cli-visit = Log a visit now; prints the visit's id
cli-visit-id = The customer's id
cli-visit-amount = What they spent, e.g. 12.50 or 12,50
cli-visit-what = What they took
cli-note = Add a note; prints the note's id
cli-note-id = The customer's id
cli-note-text = The note
cli-note-kind = The kind of note: note, praise, complaint or apology (default note)
cli-note-pin = Pin it to the greeting card
cli-note-answers = The id of the open complaint this note answers (an apology answers every complaint before it anyway)
cli-void = Take back a record logged by mistake: a visit, a note, a promise or how it ended, a reward taken, a consent change (it stays in the timeline as voided)
cli-void-id = The record's id
cli-today = Show today's agenda: promises overdue and due this week, birthdays this week, anniversaries today, complaints waiting for an answer, referrers to thank, regulars past their own rhythm
cli-today-json = Print it as JSON: one array per section
cli-lapsed = List the regulars past their own rhythm, the furthest past it first
cli-lapsed-json = Print them as JSON: an array with id, name, days_since_last, rhythm_days and channel
cli-redeem = Give a customer the reward their stamp card has ready; prints the redemption's id
cli-redeem-id = The customer's id
cli-config = The settings file: where it is, what is in use, whether it is right
cli-config-path = Print where the settings file is (it need not exist: the defaults apply)
cli-config-show = Print the settings in use: the defaults with the file's lines over them
cli-config-check = Check the settings file: every mistake with its line, and a non-zero exit
cli-consent = Record a customer's consent to be contacted on a channel, given (yes) or withdrawn (no); prints the change's id
cli-consent-id = The customer's id
cli-consent-channel = sms, email, phone or post
cli-consent-answer = yes: consent given; no: withdrawn
cli-consent-source = Where it was asked (default: "asked at the counter")
cli-consent-date = The day it was given or withdrawn, if not today: 25/11, 2026-11-25, -3d
cli-export-consented = Write a CSV of the customers who agreed to this channel (sms, email, phone or post), for a mailer or an SMS service
cli-export-lapsed = With --consented: only the regulars past their own rhythm
cli-value-yes-no = yes|no
cli-value-channel = CHANNEL
cli-promise = Make a promise; prints the promise's id
cli-promise-id = The customer's id
cli-promise-text = What was promised
cli-promise-due = When it is due: today, tomorrow, +3d, +2w, friday, 25/12 or 2026-12-25 (never in the past)
cli-kept = Mark a promise kept
cli-kept-id = The promise's id
cli-cancel = Cancel a promise (it stays in the timeline as cancelled)
cli-cancel-id = The promise's id
cli-forget = Forget a customer for good: their record and everything about them, with no byte left in the store's files
cli-forget-id = The customer's id
cli-forget-yes = Do not ask first
cli-export = Export what the shop holds: every customer as CSV or vCard, the whole store as JSON, one person as JSON, or a mailing list
cli-export-person = The customer's id (everything about them: the right of access)
cli-export-output = Write to this file instead of the screen
cli-backup = Write a backup of the whole store to one file (or check one with --verify)
cli-backup-file = The backup file
cli-backup-verify = Only check that FILE is a sound backup
cli-restore = Restore the store from a backup (only into an empty store, or with --force)
cli-restore-file = The backup file
cli-restore-force = Replace a store that holds records (it is saved as a backup beside it first)
cli-sync = Send what this till wrote to the sync hub, and take what the other tills wrote
cli-sync-status = Only say where this till stands (what waits to be sent, the last contact), without reaching the hub
cli-demo = Fill an empty store with realistic sample customers, visits and notes (in the language chosen)
cli-demo-customers = How many customers (default 200)
cli-demo-seed = The same seed gives the same customers (default 1)
cli-value-path = PATH
cli-value-file = FILE
cli-value-name = NAME
cli-value-en-it = en|it
cli-value-nickname = NICKNAME
cli-value-phone = PHONE
cli-value-email = EMAIL
cli-value-birthday = DATE
cli-value-since = DATE
cli-value-tag = TAG
cli-value-likes = TEXT
cli-value-referred-by = ID
cli-value-query = QUERY
cli-value-limit = N
cli-value-id = ID
cli-value-amount = AMOUNT
cli-value-what = TEXT
cli-value-text = TEXT
cli-value-kind = KIND
cli-value-when = WHEN
cli-value-customers = N
cli-value-seed = SEED

## Loyalty: stamps, rewards, tiers, rhythm

bar-redeem = reward
help-redeem = Give the reward the stamp card has ready (Ctrl-Z takes it back)
reward-default = a free coffee
tier-1 = new
tier-2 = friend
tier-3 = regular
tier-4 = family
tier-n = tier { $rank }
tier-line = { $stars } { $tier }
stamps-line = Stamps { $dots } { $stamps }/{ $per_reward }
reward-ready = ★ { $count ->
    [one] Reward ready
   *[other] { $count } rewards ready
}: { $reward } (r)
reward-ready-cli = ★ { $count ->
    [one] Reward ready
   *[other] { $count } rewards ready
}: { $reward } (regulars redeem { $id })
reward-given = Reward given to { $name }: { $reward }. { $ready ->
    [0] Stamps { $stamps }/{ $per_reward }.
    [one] One more is ready.
   *[other] { $ready } more are ready.
}
visit-logged-new-tier = Visit logged for { $name }. New tier: { $tier }!
no-one-lapsed = No regular is past their rhythm.
config-no-file = There is no config file at { $path }: the defaults are in use (regulars config show prints them).
config-file-fine = The config file { $path } is fine.
usual = Usually takes:
timeline-consent = Consent
consent-given = { $channel } given on { $date }
consent-withdrawn = { $channel } withdrawn on { $date }
channel-sms = SMS
channel-email = email
channel-phone = phone
channel-post = post
consent-source-default = asked at the counter
consent-label = May be contacted by
no-consent = No consent to be contacted
no-consent-short = No consent to contact
bad-channel = "{ $word }" is not a channel: use sms, email, phone or post.
bad-consent-answer = "{ $word }" is neither yes (consent given) nor no (withdrawn).
consent-in-the-future = A consent cannot be dated { $date }, after today.
field-consent = Consent
hint-consent = Space ticks
field-referrer = Referred by
hint-referrer = whom? type a few letters of the name
referrer-pick = → { $name }{ $count ->
    [1] {""}
   *[other] {"  "}({ $n } of { $count }: ↑ ↓)
}
referrer-none = no other customer's name has these letters
referrer-searching = Check who referred them, shown under the field, then Enter again to save.
referred-by = Referred by { $name }
brought = Brought { $count ->
    [one] 1 person
   *[other] { $count } people
}
months-label = Visits in 12 months
rhythm-line = { $rhythm ->
    [one] Usually every day
   *[other] Usually every { $rhythm } days
}
lapsed-line = ! Lapsed: away { $days } days

## The shop's pulse (Ctrl-P, and regulars pulse)
pulse-title = The shop's pulse, { $date }
pulse-tiers = Customers by tier ({ $count })
pulse-regulars = Regulars and their rhythm ({ $count })
pulse-within = within their rhythm
pulse-due = a little late
pulse-lapsed = lapsed
pulse-months = Visits per month
pulse-returning = returning
pulse-new = new
bar-pulse = pulse
help-pulse = Show the shop's pulse: tiers, visits per month, regulars and their rhythm
help-pulse-close = Close the pulse (also Ctrl-P)
mode-pulse = The shop's pulse
cli-pulse = Show the shop's pulse: customers by tier, new and returning visits per month, and the regulars within their rhythm, a little late, or lapsed
cli-pulse-json = Print it as JSON: tiers, months (new and returning) and regulars (within, due, lapsed)
pulse-month-line = { $month }  { $returning } returning, { $new } new
month-short = { $n ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
}

## regulars import
import-not-utf8 = The file is not UTF-8 text from line { $line } on: save it from the spreadsheet as "CSV UTF-8".
import-empty = The file is empty: it needs a header row (name, phone, email…) and a row per customer.
import-no-name-column = No column names the customers: the header row needs one of name, nome, first name, last name, cognome.
import-problem-in = line { $line }, { $column }: { $reason }
import-problem = line { $line }: { $reason }
import-too-many-cells = it has { $cells } cells, and the header row { $headers }.
import-unclosed-quote = a quote (") opens a cell on line { $line } and is never closed, so the rest of the file would be read into that cell: close it, or write a quote in the text twice ("").
import-same-as-customer = the same person as { $name }, already a customer (--on-duplicate skip or merge to import the rest)
import-same-under-another-id = the same person as { $name }, a customer already under another id (by phone, email, or name and birthday): a merge joins the records of one id only, so --on-duplicate skip leaves them out and imports the rest
import-same-under-another-id-refused = the same person as { $name }, a customer already under another id (by phone, email, or name and birthday) (--on-duplicate skip to import the rest)
import-phone-scientific = "{ $cell }" is a number the spreadsheet wrote in scientific notation, and the last digits of the phone are lost: format the column as text, type the numbers again and export the file again.
import-skipped-customer = already a customer, { $name }: skipped
import-skipped-line = the same person as line { $line }: skipped
import-into-customer = { $name }, already a customer
import-into-line = line { $line }
import-merged = merged into { $into }
import-merged-kept = merged into { $into }; not taken (the customer keeps their own): { $columns }
import-nothing-new-customer = nothing new for { $into }: skipped
import-nothing-new = nothing new for { $into }: skipped
import-nothing-new-kept = nothing new for { $into }: skipped; not taken (the customer keeps their own): { $columns }
import-notices-more = … and { $count } more (--dry-run lists them all).
import-same-as-line = the same person as line { $line } (--on-duplicate skip or merge to import the rest)
import-refused = { $rows ->
    [one] 1 row has a mistake: nothing was imported.
   *[other] { $rows } rows have mistakes: nothing was imported.
}
import-refused-duplicates = { $rows ->
    [one] 1 row repeats someone already there (in the store or earlier in the file), and --on-duplicate error refuses it: nothing was imported.
   *[other] { $rows } rows repeat people already there (in the store or earlier in the file), and --on-duplicate error refuses them: nothing was imported.
}
import-refused-duplicate-customers = { $customers ->
    [one] 1 customer in the file is already there, and --on-duplicate error refuses it: nothing was imported.
   *[other] { $customers } customers in the file are already there, and --on-duplicate error refuses them: nothing was imported.
}
import-refused-merge-other-ids = { $customers ->
    [one] 1 customer in the file is already a customer under another id, and a merge joins the records of one id only: nothing was imported (--on-duplicate skip leaves them out and imports the rest).
   *[other] { $customers } customers in the file are already customers under other ids, and a merge joins the records of one id only: nothing was imported (--on-duplicate skip leaves them out and imports the rest).
}
import-refused-customers = { $customers ->
    [one] 1 customer in the file has a mistake: nothing was imported.
   *[other] { $customers } customers in the file have mistakes: nothing was imported.
}
import-done = Imported { $added ->
    [one] 1 customer
   *[other] { $added } customers
} into { $store }{ $skipped ->
    [0] {""}
   *[other] ; { $skipped } already there skipped
}{ $merged ->
    [0] {""}
   *[other] ; { $merged } merged into customers already there
}.
import-progress = import: { $done } of { $total } customers written…
import-dry-run = Would import { $added ->
    [one] 1 customer
   *[other] { $added } customers
}{ $skipped ->
    [0] {""}
   *[other] ; { $skipped } already there would be skipped
}{ $merged ->
    [0] {""}
   *[other] ; { $merged } would be merged into customers already there
}. Nothing was written (--dry-run).
import-unused = Not read, the desk has no field for them: { $columns }
import-unknown-format = "{ $word }" is not a format: use csv, vcf, json or abook.
export-unknown-format = "{ $word }" is not a format to export: use csv, vcf or json.
import-bad-on-duplicate = "{ $word }" is not a choice for --on-duplicate: use skip, merge or error.
cannot-read = Cannot read { $path }: { $why }.
cli-import = Import customers from a spreadsheet's CSV (in English or Italian), vCards (a file, or a folder as khard keeps them), abook's addressbook or the desk's own JSON; every row is checked first, and with any mistake nothing is written
cli-import-file = The file to import (or a folder of .vcf files)
cli-import-format = Its format: csv, vcf, abook or json (when not given, guessed from the file's name or its first bytes)
cli-import-dry_run = Check the file and say what would be imported, writing nothing
cli-import-on_duplicate = A row that is a customer already (same phone, email, or name and birthday): skip it (the default), merge what it adds, or error
cli-value-format = FORMAT
cli-value-choice = skip|merge|error
referrer-match = { $name }, since { $since }
referrer-pick-more = → { $name }  ({ $n } of { $count }: type more)
key-left-right-space = ← → Space
help-form-referrer = In "Referred by": choose among the customers its letters match
help-form-consent = In "Consent": move between the boxes, tick or untick one
help-form-choice = Change a choice or a yes/no (a note's kind, pinned)
pulse-months-range = Visits per month, { $from } – { $to } ({ $month } so far)
cli-export-format = csv: every customer, under the headers import reads; vcf: every customer as a vCard 4.0, for a phone or an address book; json: the whole store, every record, as import reads it back
completions-bad-shell = "{ $word }" is not a shell the completions are made for: use bash, zsh or fish.
cli-completions = Print the completion script for a shell (bash, zsh or fish); see the README to install it
cli-completions-shell = The shell: bash, zsh or fish
cli-value-shell = SHELL
cli-man = Print the manual page (read it with: regulars man | man -l -)
abook-empty = There is no contact in this file: an abook file has a section [0], [1]… per contact.
abook-not-a-field = "{ $line }" is not a field (key=value) of an abook contact
vcard-empty = There is no card in this file: a vCard starts with BEGIN:VCARD.
vcard-no-end = the file ends inside this card, before its END:VCARD (was it cut short?)
vcard-not-a-property = "{ $line }" is not a property (NAME:value) of a vCard
vdir-empty = There is no .vcf file in { $path }.
import-problem-customer = customer { $n }: { $reason }
import-problem-customer-in = customer { $n }, { $column }: { $reason }
dump-bad-value = Line { $line }, column { $column } of the file holds a value the desk cannot read ({ $detail }): nothing was imported.
dump-not-kept = "{ $value }" is not a value the desk keeps: no empty one, no spaces around it, no , or ; in a phone or a tag.
dump-bad-cents = { $cents } is not an amount in cents the desk keeps: from 0 to { $max }.
dump-referrer-self = A customer cannot be their own referrer.
dump-unreadable = The file is not the desk's JSON ({ $detail }).
dump-other-shape = The file says it is "{ $format }" version { $version }; this desk reads "regulars-store" version 1.
dump-no-such-record = it names { $id }, which is not in the file.
dump-no-such-customer = it names { $id }, who is neither in the file nor in the store.
dump-bad-id = "{ $text }" is not an id.
dump-twice = the id { $id } is in the file twice.
dump-bad-word = "{ $word }" is not a word the desk knows here.

# Sync: several tills through one PostgreSQL hub.
sync-no-hub = No sync hub is set: write its PostgreSQL connection string as url under [sync] in the settings file (regulars config path), or set REGULARS_SYNC_URL.
sync-bad-url = The sync hub's connection string cannot be read ({ $reason }); see url under [sync] in the settings file (regulars config path).
sync-bad-url-env = The sync hub's connection string in REGULARS_SYNC_URL cannot be read ({ $reason }).
config-sync-url = is not a PostgreSQL connection string ({ $reason })
sync-url-scheme = it starts with { $scheme }://, and a PostgreSQL connection string starts with postgresql://, as postgresql://user@host:port/database
sync-url-no-value = "{ $key }" has no value: write { $key }=…, or the whole as postgresql://user@host/database
sync-url-no-quote = the value of { $key } has no closing quote
sync-url-unreadable = write it as postgresql://user@host:port/database, or as host=… dbname=…
sync-url-port = the port "{ $port }" is not a number from 1 to 65535 (PostgreSQL's own is 5432)
sync-url-no-host = it names no host: write it as postgresql://user@host:port/database (the host is the hub's computer, 127.0.0.1 for this one)
sync-url-sslmode = sslmode "{ $mode }" is none of disable, allow, prefer, require, verify-ca, verify-full
sync-tls-root = sslrootcert { $file } cannot be read as certificates (PEM): { $reason }
sync-tls-root-missing = there is no such file
sync-tls-root-empty = it holds no certificate
sync-tls-no-bundle = this system has no bundle of trusted certificates: name the hub's with sslrootcert=FILE
config-till-name = must be at most 40 characters, on one line
config-password-readable = it holds the sync hub's password, and others may read it: make it readable by its owner alone (chmod 600), or keep the password in ~/.pgpass
sync-unreachable = The sync hub at { $place } cannot be reached ({ $reason }). Everything stays saved here and is sent at the next sync.
sync-refused-short = Sync refused by the hub: { $reason }.
sync-hub-error = The sync hub at { $place } refused the sync: { $reason }. Nothing here was lost.
forget-travels-desk = The other tills forget them too once this till has synced.
forget-travels = The other tills forget them too once this till has synced (the desk does it within a moment; otherwise regulars sync).
config-url-from-env = [sync] url below is { $var }, which is set and stands over the file
undo-overtaken = Nothing to undo: what that edit changed for { $name } has been changed again since, here or at another till.
customer-in-use-named = { $name } already has visits or notes, so they cannot be removed.
sync-no-password = it asks for a password and none was given (write it in the URL, PGPASSWORD or ~/.pgpass)
sync-untrusted = The sync hub at { $place } is not trusted: { $reason }. Nothing was sent to it; everything stays saved here.
sync-untrusted-short = Sync hub not trusted: { $reason }.
sync-tls-untrusted = its certificate is not signed by an authority this till trusts, see sslrootcert
sync-tls-wrong-name = its certificate was not issued for the name { $host }: connect by the name on the certificate, or use sslmode=verify-ca
sync-tls-expired = its certificate has expired or is not valid yet
sync-tls-not-offered = it does not offer TLS, which the sslmode in its connection string asks for (require, verify-ca or verify-full)
sync-hub-too-new = The sync hub at { $place } has schema version { $found }, newer than this desk knows ({ $supported }): update this desk before it syncs again.
sync-unreadable-row = The sync hub at { $place } holds a record this desk cannot read (change { $seq }: { $detail }); the sync stopped before it. Update this desk.
sync-done = Synced with { $place }: { $pushed ->
    [one] 1 record sent
   *[other] { $pushed } records sent
}, { $changed ->
    [one] 1 received
   *[other] { $changed } received
}.
sync-unsent-all = Everything this till holds is sent to the sync hub at its next round (the desk's next start with the hub in reach, or regulars sync).
sync-unsent-at-close = { $count ->
    [one] 1 record written here has not reached the sync hub yet: saved here, it goes
   *[other] { $count } records written here have not reached the sync hub yet: saved here, they go
} at the desk's next start with the hub in reach, or with regulars sync.
sync-store-in-use = The store at { $path } is open in a regulars desk (or another command): an open desk syncs with the hub by itself, and `regulars sync` is for when none is open.
sync-net-refused = nothing answers on that port: is PostgreSQL running there, and is the port right?
sync-net-timed-out = it did not answer in time
sync-net-unreachable = the network does not reach it
sync-net-cut = the connection was cut
sync-net-unknown-name = the network knows no computer called { $host }: is the name right, and is this till online?
sync-already-there = { $count ->
    [one] 1 of them was
   *[other] { $count } of them were
} already on the hub.
sync-left-out = { $count ->
    [one] 1 record was
   *[other] { $count } records were
} left out: their customer was forgotten here.
sync-status-till = This till: { $till } (sync id { $id })
sync-status-till-new = This till: { $till }
sync-status-not-yet = This till has not synced yet: everything it holds is sent at its first round.
sync-status-hub = Hub: { $place }
sync-status-cursor = Taken from the hub: up to change { $cursor }
sync-status-waiting = Waiting to be sent: { $count }
sync-status-contact = Last contact with the hub: { $when }
sync-status-never = Last contact with the hub: never
sync-synced = synced
sync-offline = { $waiting ->
    [0] offline since { $since }
   *[other] offline since { $since } — { $waiting } waiting
}
sync-forgotten = { $count ->
    [one] 1 customer forgotten at another till was forgotten here too.
   *[other] { $count } customers forgotten at another till were forgotten here too.
}
sync-connecting = connecting…
sync-sending = sending…
sync-no-answer = no answer in { $seconds } seconds
sync-went-back = The sync hub had gone back (restored from an earlier copy, or a new database): this till sent it everything it holds and took everything it holds again. Nothing was lost or doubled.
sync-went-back-short = The sync hub had gone back (restored or replaced): sending it everything again.
sync-went-back-again = it went back again while this till was starting over with it; the next sync tries again
