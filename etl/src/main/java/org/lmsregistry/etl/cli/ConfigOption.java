package org.lmsregistry.etl.cli;

import java.nio.file.Path;

import org.lmsregistry.etl.config.SiteConfig;

import picocli.CommandLine.Option;

/** The {@code --config} option of every command that needs the site configuration. */
public final class ConfigOption {

    @Option(names = { "-c", "--config" }, paramLabel = "FILE",
            description = "Site configuration written by 'etl init' (default: $LMS_ETL_CONFIG, else ./site.yaml).")
    Path config;

    /** The configuration file to use. */
    public Path path() {
        if (config != null) {
            return config;
        }
        String env = System.getenv("LMS_ETL_CONFIG");
        return Path.of(env != null && !env.isBlank() ? env : SiteConfig.DEFAULT_FILE);
    }

    public SiteConfig.Loaded load() {
        return SiteConfig.load(path());
    }
}
