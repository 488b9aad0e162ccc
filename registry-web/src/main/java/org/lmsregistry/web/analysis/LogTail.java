package org.lmsregistry.web.analysis;

import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines of a child's output, kept on the run (the whole log can be hundreds of MB of Spark warnings). */
final class LogTail {

    static final int MAX_LINES = 300;
    static final int MAX_LINE_CHARS = 2000;

    private final Deque<String> lines = new ArrayDeque<>();

    synchronized void add(String line) {
        if (line.length() > MAX_LINE_CHARS) {
            line = line.substring(0, MAX_LINE_CHARS) + " [...]";
        }
        lines.addLast(line);
        while (lines.size() > MAX_LINES) {
            lines.removeFirst();
        }
    }

    @Override
    public synchronized String toString() {
        return String.join("\n", lines);
    }
}
