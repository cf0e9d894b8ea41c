//! Ending cleanly: Ctrl-C and SIGTERM stop the program without a half-written result (exit 130 /
//! 143 and one line saying nothing was written); a closed pipe never ends it with a panic.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crate::report::lang::{Label, Lang};
use crate::report::{WRITING, committed, interrupt, note_interrupt};

/// Offset of a "killed by signal N" exit code (the shell's convention: 128 + N).
const SIGNAL_EXIT_OFFSET: i32 = 128;
/// How often the watcher looks for a noted signal, milliseconds: quick for a person, idle otherwise.
const WATCH_INTERVAL_MS: u64 = 25;

/// True once one thread has started to end the program (the others wait).
static ENDING: AtomicBool = AtomicBool::new(false);

/// Installs the signal handlers and the quiet end on a closed pipe; `lang` words the one line.
pub(super) fn install(lang: Lang) {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| install_once(lang));
}

fn install_once(lang: Lang) {
    quiet_broken_pipe();
    #[cfg(unix)]
    {
        extern "C" fn on_signal(signal: libc::c_int) {
            note_interrupt(signal);
        }
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only stores an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_millis(WATCH_INTERVAL_MS));
                if let Some(signal) = interrupt() {
                    // A write in progress either stops before its renames or completes first.
                    let _writing = WRITING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                    end_interrupted(lang, signal);
                }
            }
        });
    }
}

/// Ends the program after signal `signal`: one line (unless a result set was already complete) and
/// exit 128 + `signal`.
pub(super) fn end_interrupted(lang: Lang, signal: i32) -> ! {
    if ENDING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    if !committed() {
        eprintln!("{}", lang.text(Label::Interrupted));
    }
    std::process::exit(SIGNAL_EXIT_OFFSET + signal);
}

/// The commands print through `app/terminal.rs`, which a closed pipe only silences (their files are
/// still written). A print that escapes it (a library printing to stdout itself) meets a closed pipe as a
/// panic: this ends the program with exit 0 and no message instead, the reader having all it wanted.
fn quiet_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}
