//! regulars — a keyboard-first loyalty desk for the shop counter.
//!
//! Layers (see ARCHITECTURE in the README): [`domain`] holds pure types and rules; [`store`] is the only
//! module that touches sled; [`search`] is the in-memory index; [`book`] keeps store and index in step;
//! [`ui`] is the desk; [`cli`] the command line.

pub mod abort;
pub mod backups;
pub mod book;
pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod files;
pub mod import;
pub mod iso;
pub mod safe;
pub mod search;
pub mod signals;
pub mod store;
pub mod sync;
pub mod text;
pub mod ui;
