package org.lmsregistry.etl.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import picocli.CommandLine.Help.Ansi;

/**
 * Where a command prints: results on {@code out}, messages and problems on {@code err}. Colour is
 * used only on an interactive terminal, never when the output is redirected to a file or a pipe, and
 * never when {@code NO_COLOR} is set, {@code TERM=dumb} or {@code --no-color} was given.
 */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean colour;
    private final boolean interactive;

    public Console(PrintWriter out, PrintWriter err, boolean colour, boolean interactive) {
        this.out = out;
        this.err = err;
        this.colour = colour;
        this.interactive = interactive;
    }

    /** The process's own streams; colour and progress bars only on a terminal. */
    public static Console system(Map<String, String> env) {
        boolean terminal = System.console() != null;
        boolean colour = terminal && !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
        return new Console(writer(System.out), writer(System.err), colour, terminal);
    }

    /** Plain streams (tests, pipes): no colour, no progress bars. */
    public static Console plain(PrintStream out, PrintStream err) {
        return new Console(writer(out), writer(err), false, false);
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    public Console withoutColour() {
        return new Console(out, err, false, interactive);
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean colour() {
        return colour;
    }

    /** Whether stdin and stdout are a terminal (progress bars are drawn only then). */
    public boolean interactive() {
        return interactive;
    }

    /** The picocli ANSI mode matching this console. */
    public Ansi ansi() {
        return colour ? Ansi.ON : Ansi.OFF;
    }

    public String red(String text) {
        return style("fg(red),bold", text);
    }

    public String yellow(String text) {
        return style("fg(yellow),bold", text);
    }

    public String green(String text) {
        return style("fg(green),bold", text);
    }

    public String bold(String text) {
        return style("bold", text);
    }

    public String dim(String text) {
        return style("faint", text);
    }

    private String style(String styles, String text) {
        if (!colour) {
            return text;
        }
        return Ansi.ON.string("@|" + styles + " " + text.replace("|@", "| @") + "|@");
    }

    /** A message line on stderr. */
    public void note(String message) {
        err.println(message);
        err.flush();
    }

    public void warn(String message) {
        err.println(yellow("warning:") + " " + message);
        err.flush();
    }

    public void error(String message) {
        err.println(red("error:") + " " + message);
        err.flush();
    }

    public void flush() {
        out.flush();
        err.flush();
    }
}
