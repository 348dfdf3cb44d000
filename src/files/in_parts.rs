//! Work on a big file shared among the cores: reading it, and parsing a team plan's
//! members (see [`super::quick::from_str_in_parts`]).

/// Below this much text a thread costs more than it saves: a file is read (and a team
/// plan parsed) in one piece up to twice this, and in a piece per thread from there.
const BYTES_PER_THREAD: usize = 4 * 1024 * 1024;

/// How many threads to read or parse `bytes` of text with: one a core, at most 8, and
/// one for a small file.
pub fn threads_for(bytes: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |count| count.get().min(8));
    (bytes / BYTES_PER_THREAD).clamp(1, cores)
}

/// Runs `each` on every item of `work`, each on a thread of its own, and `here` meanwhile
/// on the calling thread. Gives what `here` gave, and what each item gave in order:
/// `None` for an item whose thread could not be started. A panic in a thread goes on in
/// the caller, as it would have had the work been done there.
pub fn on_threads<W: Send, R: Send, H>(
    work: Vec<W>,
    each: impl Fn(W) -> R + Sync,
    here: impl FnOnce() -> H,
) -> (H, Vec<Option<R>>) {
    std::thread::scope(|scope| {
        let each = &each;
        let started: Vec<_> = (work.into_iter())
            .map(|item| {
                std::thread::Builder::new()
                    .spawn_scoped(scope, move || each(item))
                    .ok()
            })
            .collect();
        let here = here();
        let done = (started.into_iter())
            .map(|thread| {
                let joined = thread?.join();
                Some(joined.unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            })
            .collect();
        (here, done)
    })
}

/// A file's bytes, `size` long when it was measured. A big file is read in a piece per
/// thread: copying from the system's cache takes a core's time, half of it for a team
/// plan of tens of megabytes.
pub fn read_bytes(file: std::fs::File, size: u64) -> std::io::Result<Vec<u8>> {
    #[cfg(unix)]
    if let Ok(size) = usize::try_from(size)
        && let parts = threads_for(size)
        && parts > 1
        && let Some(bytes) = read_in_parts(&file, size, parts)?
    {
        return Ok(bytes);
    }
    // The limit holds while reading too: the file may grow after it was measured.
    // Room for the whole file at once: grown by doubling, a 45 MB team plan was copied
    // over and over, and reading it took as long as checking it.
    let mut bytes = Vec::with_capacity(usize::try_from(size.saturating_add(1)).unwrap_or(0));
    use std::io::Read as _;
    file.take(super::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The file's `size` bytes, each of `parts` pieces read on a thread of its own; `None`
/// when they could not all be read so (the file is no longer that size: it changed while
/// it was read; a thread could not be started), for the file to be read again whole.
#[cfg(unix)]
fn read_in_parts(
    file: &std::fs::File,
    size: usize,
    parts: usize,
) -> std::io::Result<Option<Vec<u8>>> {
    use std::os::unix::fs::FileExt as _;
    // All of it, or `false` where the file ended early.
    let fill = |(piece, offset): (&mut [u8], usize)| match file.read_exact_at(piece, offset as u64)
    {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Ok(false),
        Err(error) => Err(error),
    };
    let mut bytes = vec![0; size];
    let piece_len = size.div_ceil(parts).max(1);
    let mut first: Vec<_> = (bytes.chunks_mut(piece_len).enumerate())
        .map(|(index, piece)| (piece, index * piece_len))
        .collect();
    let apart = first.split_off(1.min(first.len()));
    let (here, apart) = on_threads(apart, fill, || first.pop().map_or(Ok(true), fill));
    let mut whole = here?;
    for read in apart {
        whole &= read.transpose()?.unwrap_or(false);
    }
    // Nothing past the end: a file that grew is read again, within the limit.
    let grown = file.read_at(&mut [0], size as u64)? > 0;
    Ok((whole && !grown).then_some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_big_file_read_in_parts_is_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.ron");
        // Not a multiple of the parts, and different everywhere.
        let written: Vec<u8> = (0..9_000_001_u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
            .collect();
        std::fs::write(&path, &written).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        for parts in [2, 3, 8] {
            let read = read_in_parts(&file, written.len(), parts).unwrap();
            assert!(read == Some(written.clone()), "{parts} parts");
        }
        // Shorter or longer than measured (changed while read): read again, whole.
        assert_eq!(read_in_parts(&file, written.len() + 10, 3).unwrap(), None);
        assert_eq!(read_in_parts(&file, written.len() - 10, 3).unwrap(), None);
        for measured in [written.len() + 10, written.len() - 10] {
            let file = std::fs::File::open(&path).unwrap();
            assert!(read_bytes(file, measured as u64).unwrap() == written);
        }
        assert_eq!(threads_for(100), 1);
    }

    #[test]
    fn work_on_threads_comes_back_in_order_with_the_callers() {
        let caller = std::thread::current().id();
        let (here, apart) = on_threads(
            (0..6).collect(),
            |item: u32| (item * 10, std::thread::current().id()),
            || std::thread::current().id(),
        );
        assert_eq!(here, caller);
        let apart: Vec<_> = apart.into_iter().map(Option::unwrap).collect();
        assert_eq!(
            apart.iter().map(|(value, _)| *value).collect::<Vec<_>>(),
            [0, 10, 20, 30, 40, 50]
        );
        assert!(apart.iter().all(|(_, thread)| *thread != caller));
    }
}
