//! Files beside the database that both the command line and the kiosk's settings
//! use: reading a roster file into the store, writing the issued-PIN files, and
//! taking an erased family out of the files in the data directory.

pub mod erase;
pub mod issued_pins;
pub mod roster;
