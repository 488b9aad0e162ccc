package org.lmsregistry.deploy;

import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Console logging for the launcher: one line per message, warnings and errors only by default
 * (what the user needs is the banner; PostgreSQL and Payara Micro write their own log files).
 * {@code -Dlms.local.log=FINE} shows more.
 */
final class ConsoleLogging {

    private ConsoleLogging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        System.setProperty("java.util.logging.SimpleFormatter.format", "lms-local %4$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        Level level = Level.parse(System.getProperty("lms.local.log", "WARNING"));
        ConsoleHandler handler = new ConsoleHandler();
        handler.setLevel(level);
        handler.setFormatter(new SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        root.addHandler(handler);
    }
}
