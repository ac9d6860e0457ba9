//! Reading a file a person named or left in the project: only a regular file
//! (or a link to one) is opened, so a pipe or device put in its place cannot
//! block a command for ever. A folder reads as the error it gives.

use std::io;
use std::path::Path;

/// The bytes of the file at `path`, refused when it is a pipe, socket or device.
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() && !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is not a regular file (a pipe, socket or device)",
        ));
    }
    std::fs::read(path)
}

/// [`read`], as UTF-8 text.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}
