package org.lmsregistry.etl.init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.lmsregistry.etl.EtlException;
import org.lmsregistry.etl.EtlMain;
import org.lmsregistry.etl.ExitCode;
import org.lmsregistry.etl.cli.Console;
import org.lmsregistry.etl.config.SiteConfig;
import org.lmsregistry.model.pseudonym.SiteSecretKey;
import org.lmsregistry.model.record.FieldType;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code etl init}: writes a site configuration and a new site secret key (owner-only). Run once per
 * site; neither file is ever replaced, because a new key would orphan every pseudonym made so far.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = { "Writes a site configuration (site.yaml) and a new site secret key, readable by its owner only.",
            "Run once per site. Existing files are never replaced: a new key would give every patient a new pseudonym.",
            "Back the key file up (offline, at the site); it never leaves the site." })
public final class InitCommand implements Callable<Integer> {

    private static final Pattern SITE_CODE = Pattern.compile(FieldType.SITE_CODE.pattern());

    @ParentCommand
    EtlMain root;

    @Option(names = "--site-code", required = true, paramLabel = "CODE",
            description = "The registry's code of this site: 2-12 upper-case letters or digits, e.g. NLAMC.")
    String siteCode;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Folder for both files (created if needed; default: the current folder).")
    Path dir;

    @Option(names = "--config-name", paramLabel = "NAME", defaultValue = SiteConfig.DEFAULT_FILE,
            description = "Configuration file name (default: ${DEFAULT-VALUE}).")
    String configName;

    @Option(names = "--key-name", paramLabel = "NAME", defaultValue = SiteConfig.DEFAULT_KEY_FILE,
            description = "Key file name (default: ${DEFAULT-VALUE}).")
    String keyName;

    @Option(names = "--registry-url", paramLabel = "URL",
            description = "The registry's address for 'etl upload', e.g. https://registry.example.org.")
    String registryUrl;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File (relative to --dir) that will hold the upload token; else $LMS_REGISTRY_TOKEN is used.")
    String tokenFile;

    @Override
    public Integer call() {
        Console console = root.console();
        if (!SITE_CODE.matcher(siteCode).matches()) {
            throw EtlException.usage("--site-code must be 2-12 upper-case letters or digits starting with a letter, "
                    + "was \"" + siteCode + "\".");
        }
        Path configFile = dir.resolve(configName);
        Path keyFile = dir.resolve(keyName);
        SiteConfig.requireAbsent(configFile, "The site configuration");
        SiteConfig.requireAbsent(keyFile, "The site key file");
        SiteSecretKey key = SiteSecretKey.generate();
        SiteConfig config = new SiteConfig(siteCode, keyName, key.fingerprint(), registryUrl, tokenFile,
                new SiteConfig.Dicom(SiteConfig.DEFAULT_DATE_SHIFT_MAX_DAYS, null));
        try {
            Files.createDirectories(dir);
            key.writeNew(keyFile);
            config.writeNew(configFile);
        } catch (IOException e) {
            throw new EtlException(ExitCode.IO, "Cannot write " + dir + ": " + e, e);
        }
        // reading it back checks the configuration exactly as every other command will
        SiteConfig.load(configFile).key();
        console.out().println("Wrote " + configFile + " (site " + siteCode + ")");
        console.out().println("Wrote " + keyFile + " (owner-only; fingerprint " + key.fingerprint() + ")");
        console.note("Back up " + keyFile.getFileName() + " now, offline and at the site: without it the site cannot "
                + "link new records to its registry pseudonyms. Never send it to anyone.");
        return ExitCode.OK;
    }
}
