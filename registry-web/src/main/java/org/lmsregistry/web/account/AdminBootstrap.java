package org.lmsregistry.web.account;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.lmsregistry.web.audit.Actor;

/**
 * The first administrator of a registry outside demo mode. If {@code lms.admin.bootstrap-password-file}
 * names a file and the registry has no active administrator yet, an ADMIN account
 * ({@code lms.admin.bootstrap-username}, default {@code admin}) is created at startup with the first
 * line of that file as its password, and the creation is audited. The password is never logged; the
 * file can (and should) be deleted afterwards. With an administrator present the setting does
 * nothing, so leaving it configured cannot reset anyone's password.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrations")
@TransactionManagement(TransactionManagementType.BEAN)
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    @ConfigProperty(name = "lms.admin.bootstrap-password-file")
    Optional<String> passwordFile;

    @Inject
    @ConfigProperty(name = "lms.admin.bootstrap-username", defaultValue = "admin")
    String username;

    @Inject
    AccountRepository accounts;

    @Inject
    AccountService accountService;

    @PostConstruct
    void onStartup() {
        if (passwordFile.isEmpty() || passwordFile.get().isBlank()) {
            return;
        }
        if (accounts.existsActiveAdmin()) {
            LOG.info("lms.admin.bootstrap-password-file is set but an administrator exists; nothing done (remove the setting)");
            return;
        }
        char[] password;
        try {
            List<String> lines = Files.readAllLines(Path.of(passwordFile.get()), StandardCharsets.UTF_8);
            password = lines.isEmpty() ? new char[0] : lines.get(0).strip().toCharArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read lms.admin.bootstrap-password-file " + passwordFile.get(), e);
        }
        accountService.create(Actor.system("admin-bootstrap"), username, Role.ADMIN, null, password);
        LOG.log(Level.WARNING, "Created the first administrator account \"{0}\" from {1}; delete that file now.",
                new Object[] {username, passwordFile.get()});
    }
}
