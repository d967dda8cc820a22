//! Physical line numbers of records.
//!
//! csv's own `Position::line()` lags behind: a record's position is where the previous
//! record stopped reading, which is before the `\n` of a `\r\n` and before any blank
//! lines that are skipped. So the line is counted here, from the record's byte offset.

/// Counts line breaks (`\r\n`, `\n` or a lone `\r`) up to the start of each record.
#[derive(Debug)]
pub(super) struct LineCounter<'t> {
    text: &'t [u8],
    offset: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    /// A counter at the start of `text`, line 1.
    pub(super) fn new(text: &'t [u8]) -> Self {
        Self {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The line of the record whose reading started at byte `offset`: line breaks right
    /// after the offset (the rest of the previous line, blank lines) are skipped.
    /// Offsets must not decrease between calls.
    pub(super) fn line_at(&mut self, offset: usize) -> usize {
        let text = self.text;
        let mut start = offset.clamp(self.offset, text.len());
        while matches!(text.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let breaks = (self.offset..start)
            .filter(|&i| match text.get(i) {
                Some(b'\n') => true,
                Some(b'\r') => text.get(i + 1) != Some(&b'\n'),
                _ => false,
            })
            .count();
        self.line += breaks;
        self.offset = start;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_kind_of_line_break() {
        let text = b"a\r\nb\nc\rd\r\n\r\n\ne";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(5), 3);
        assert_eq!(lines.line_at(7), 4);
        assert_eq!(lines.line_at(9), 7);
        assert_eq!(lines.line_at(9), 7);
    }
}
