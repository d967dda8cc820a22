## The first start's set-up, for the person who hangs the tablet. Dutch and English.

setup-step = Step { $n } of 3
setup-language-nl = Nederlands
setup-language-en = English
setup-back = Back
setup-next = Next
setup-save-failed = This could not be saved: { $reason }
setup-key-shift = Capital
setup-key-erase = Erase
setup-key-space = space
setup-key-accents = Accented letters
setup-key-letters = Plain letters

setup-welcome-title = Welcome! Let's set up this tablet
setup-name-question = What is the location called? Parents see this name on the welcome screen.
setup-name-field = Location name
setup-name-empty = Type the location's name first.
setup-name-too-long = That name is too long: at most 60 characters.
setup-name-unprintable = That name holds a character that cannot be shown.

setup-manager-name = Manager
setup-pin-title = The manager's PIN
setup-pin-first = Choose a PIN of 4 to 6 digits. It opens Staff and Settings later.
setup-pin-second = Type the same PIN once more.
setup-pin-length = A PIN has 4 to 6 digits.
setup-pin-weak = This PIN is too easy to guess (a run, a repeat or a year). Choose another.
setup-pins-differ = The two PINs differ. Type the PIN once more.

setup-choice-title = Where does the roster come from?
setup-choice-intro = The roster says whom to greet. Choose how it gets onto this tablet.
setup-choice-hub = Connect to the hub
setup-choice-hub-detail = The organisation runs a Welkom hub: the roster comes from it and the answers go to it. You need its address and a pairing code.
setup-choice-roster = Roster from a USB stick
setup-choice-roster-detail = A roster as .csv, .xlsx or .ods on a USB stick. This also works beside the hub.
setup-status-roster = Roster: { $count ->
    [one] 1 parent
   *[other] { $count } parents
}
setup-status-no-roster = Roster: none yet
setup-status-hub = Hub: connected to { $name }
setup-status-no-hub = Hub: not connected
setup-finish = Done: to the welcome screen
setup-finish-needs = Import a roster or connect to the hub first, or the tablet cannot greet anyone.
setup-nothing-to-greet = Import a roster or connect to the hub first.

setup-hub-title = Connect to the hub
setup-hub-intro = Ask the hub's administrator for a pairing code for this location. The code is valid for 15 minutes and works once.
setup-hub-address = Hub address
setup-hub-code = Pairing code
setup-hub-connect = Connect
setup-hub-pairing = Connecting…
setup-hub-fields-empty = Type the hub's address and the pairing code.
setup-hub-paired = Connected to { $name }
setup-hub-roster-follows = The roster comes from the hub as soon as it has one. Tap Next.
setup-hub-bad-code = The pairing code is wrong, was used already or has expired. Ask for a new code.
setup-hub-too-many = Too many wrong codes. Try again in { $minutes ->
    [one] 1 minute
   *[other] { $minutes } minutes
}.
setup-hub-unreachable = The hub does not answer. Check the address and that the tablet is online.
setup-hub-untrusted = The hub's certificate is not trusted. Choose the organisation's certificate (.pem, .crt) on the USB stick, or ask the hub's administrator.
setup-hub-not-a-hub = No Welkom hub answers at this address. Check the address.
setup-hub-not-secure = This is not an address that can be used. Type it as https://hub.example.org.
setup-hub-other = Connecting did not work. Try again; the tablet's log says what went wrong.
setup-hub-ca = The organisation's certificate: { $file }

setup-roster-title = Roster from a USB stick
setup-roster-intro = Insert the USB stick with the roster (.csv, .xlsx or .ods), choose the file and import it. A roster with errors changes nothing.
setup-roster-search = Search again
setup-roster-import = Import this roster
setup-roster-importing = Importing…
setup-roster-none = No roster found. Insert the USB stick and tap Search again.
setup-roster-choose-another = Correct the file on a computer, or choose another file.
setup-roster-failed = The file could not be read. Nothing was changed. Choose another file.
setup-roster-imported = The roster was imported
setup-roster-pins-written = { $count ->
    [one] 1 new PIN is
   *[other] { $count } new PINs are
} in { $file }. Hand them to the parents, then delete the file.
setup-roster-pins-kept = { $count ->
    [one] 1 new PIN
   *[other] { $count } new PINs
} could not be put on the USB stick. Export them later in Staff, Settings.

setup-unlock-title = Carry on with the set-up
setup-unlock-instruction = This tablet's set-up is not finished yet. Type the manager's PIN to carry on.
setup-pin-not-recognised = This PIN is not known.
setup-cooldown = Too many wrong PINs. Try again in { $time }.
