// Progress bars for uploads and downloads: one cli-progress bar per file on stderr, with bytes,
// rate and ETA, fed by the client's onProgress callbacks. Off (a no-op) unless stderr is a
// terminal and --json is off: redraws are meant for eyes, not for logs or pipes.
//
// While bars are drawn, cli-progress moves the cursor up and rewrites their lines; anything else
// written to the same terminal in between would be overwritten or torn. So lines meant for the
// terminal go through the multibar's log(), which prints them above the bars at its next redraw
// (at most 1/fps later), and a bar is removed when its transfer ends: what stays on screen is the
// bars still running, under the summary lines of those that ended. A batch with more files than
// the terminal has lines then never has more bars than --concurrency. stdout that is no terminal
// (a pipe, a file) is written at once: the bars cannot tear it.
import { Format, MultiBar, type SingleBar } from "cli-progress";
import { formatBytes, printable, type Gate, type Sink } from "./output";

/** One transfer's bar. */
export interface Transfer {
  /** Bytes moved so far, of `total` when it is known. */
  update(loaded: number, total: number | undefined): void;
  /** The transfer ended: its bar is removed (its summary line, printed next, says how it ended). */
  finish(ok: boolean): void;
}

export interface Progress {
  start(label: string): Transfer;
  /** Runs `write` now, or shows its text above the bars while they are being drawn. */
  gate: Gate;
  /** Draws the bars a last time (and what is waiting to be shown above them), then stops drawing. */
  stop(): void;
}

const NO_TRANSFER: Transfer = { update: () => undefined, finish: () => undefined };

export function noProgress(): Progress {
  return { start: () => NO_TRANSFER, gate: (_to, _text, write) => write(), stop: () => undefined };
}

export interface Terminal extends Sink {
  isTTY?: boolean | undefined;
}

const LABEL_WIDTH = 24;

/** Bars on `stream` (stderr, a terminal). */
export function progressBars(stream: Terminal, { stdoutIsTTY }: { stdoutIsTTY: boolean }): Progress {
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
    formatTime: (seconds, options, round) =>
      typeof seconds === "number" && Number.isFinite(seconds) ? Format.TimeFormat(seconds, options, round) : "--",
  });
  let stopped = false;
  let drawn = false;
  let running = 0;

  const start = (label: string): Transfer => {
    label = printable(label);
    const name = label.length > LABEL_WIDTH ? `${label.slice(0, LABEL_WIDTH - 1)}…` : label.padEnd(LABEL_WIDTH);
    const began = Date.now();
    let bar: SingleBar | undefined;
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
        if (!bar) {
          bar = bars.create(barTotal, loaded, payload(loaded, total));
          drawn = true;
          running++;
        } else {
          bar.setTotal(barTotal);
          bar.update(loaded, payload(loaded, total));
        }
      },
      finish() {
        if (stopped || !bar) return;
        // The summary line (or error line) printed next takes the bar's place.
        bar.stop();
        bars.remove(bar);
        bar = undefined;
        running--;
      },
    };
  };

  return {
    start,
    gate(to, text, write) {
      // Before the first bar and after the last one stopped nothing is being redrawn.
      if (stopped || !drawn || (to === "stdout" && !stdoutIsTTY)) write();
      else {
        bars.log(text);
        // With no bar left running the multibar still redraws on its timer; without bars to
        // redraw, show the line now rather than at the next tick.
        if (running === 0) bars.update();
      }
    },
    stop() {
      if (stopped) return;
      stopped = true;
      // Stopping bars that never started would still write a newline and cursor codes.
      if (drawn) {
        bars.update(); // shows what log() still holds
        bars.stop();
      }
    },
  };
}
