package org.lmsregistry.etl.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr while long work runs, drawn only on an interactive terminal (never into
 * a redirected output or a log file). It shows counts, never data.
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    /** A bar for {@code total} steps (-1 when unknown), or a silent one when not on a terminal. */
    public static Progress start(Console console, String task, long total, String unit) {
        if (!console.interactive()) {
            return new Progress(null);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(console.colour() ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).showSpeed().build();
        return new Progress(bar);
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    public void stepBy(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    public void message(String text) {
        if (bar != null) {
            bar.setExtraMessage(text);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
