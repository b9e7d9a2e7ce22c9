// Progress bars for uploads and downloads: one cli-progress bar per file on stderr, with bytes,
// rate and ETA, fed by the client's onProgress callbacks. Off (a no-op) unless stderr is a
// terminal and --json is off: redraws are meant for eyes, not for logs or pipes.
//
// While bars are drawn, cli-progress moves the cursor up and rewrites their lines; anything else
// written to the same terminal in between would be overwritten or torn. So lines meant for stdout
// or stderr are held back (gate) and written, in order, once the bars have stopped.
import { Format, MultiBar, type SingleBar } from "cli-progress";
import { formatBytes, type Sink } from "./output";

/** One transfer's bar. */
export interface Transfer {
  /** Bytes moved so far, of `total` when it is known. */
  update(loaded: number, total: number | undefined): void;
  /** The transfer ended: a success shows the bar full, a failure leaves it where it stopped. */
  finish(ok: boolean): void;
}

export interface Progress {
  start(label: string): Transfer;
  /** Runs `write` now, or once the bars have stopped if they are being drawn. */
  gate(write: () => void): void;
  /** Draws the bars a last time, then writes what was held back. */
  stop(): void;
}

const NO_TRANSFER: Transfer = { update: () => undefined, finish: () => undefined };

export function noProgress(): Progress {
  return { start: () => NO_TRANSFER, gate: (write) => write(), stop: () => undefined };
}

export interface Terminal extends Sink {
  isTTY?: boolean | undefined;
}

const LABEL_WIDTH = 24;

/** Bars on `stream` (stderr, a terminal). */
export function progressBars(stream: Terminal): Progress {
  // cli-progress needs a Node stream (cursor moves, width); stderr is one.
  const bars = new MultiBar({
    stream: stream as NodeJS.WriteStream,
    format: "{label} [{bar}] {percentage}% | {amount} | {rate} | ETA {eta_formatted}{status}",
    barsize: 24,
    hideCursor: true,
    autopadding: true,
    // A bar created before its total is known (0) must read 0 %, not 100 %.
    emptyOnZero: true,
    fps: 10,
    // cli-progress reports an ETA it cannot estimate yet (no rate) as the strings "INF" or "NULL", which its own formatter would cut to "NF".
    formatTime: (seconds, options, round) => (typeof seconds === "number" && Number.isFinite(seconds) ? Format.TimeFormat(seconds, options, round) : "--"),
  });
  const held: Array<() => void> = [];
  let stopped = false;
  let drawn = false;

  const start = (label: string): Transfer => {
    const name = label.length > LABEL_WIDTH ? `${label.slice(0, LABEL_WIDTH - 1)}…` : label.padEnd(LABEL_WIDTH);
    const began = Date.now();
    let bar: SingleBar | undefined;
    let last = { loaded: 0, total: 0 };
    const payload = (loaded: number, total: number | undefined, status = "") => {
      const seconds = (Date.now() - began) / 1000;
      return {
        label: name,
        amount: total === undefined ? formatBytes(loaded) : `${formatBytes(loaded)}/${formatBytes(total)}`,
        rate: seconds > 0 ? `${formatBytes(loaded / seconds)}/s` : "-",
        status,
      };
    };
    return {
      update(loaded, total) {
        if (stopped) return;
        // Unknown total (no Content-Length): the bar follows what arrived so far.
        const barTotal = total ?? loaded;
        last = { loaded, total: barTotal };
        if (!bar) {
          bar = bars.create(barTotal, loaded, payload(loaded, total));
          drawn = true;
        } else {
          bar.setTotal(barTotal);
          bar.update(loaded, payload(loaded, total));
        }
      },
      finish(ok) {
        if (stopped) return;
        // Refused before any byte moved: the error line says it all, an empty bar would add nothing.
        if (!bar && !ok) return;
        if (!bar) {
          bar = bars.create(last.total, last.loaded, payload(last.loaded, last.total));
          drawn = true;
        }
        // A success ends full even if the last callback came before the final byte was counted.
        if (ok) bar.update(last.total, payload(last.total, last.total, " | done"));
        else bar.update(last.loaded, payload(last.loaded, last.total, " | failed"));
        bar.stop();
      },
    };
  };

  return {
    start,
    gate: (write) => (stopped ? write() : held.push(write)),
    stop() {
      if (stopped) return;
      stopped = true;
      // Stopping bars that never started would still write a newline and cursor codes.
      if (drawn) bars.stop();
      for (const write of held.splice(0)) write();
    },
  };
}
