package org.lmsregistry.web.infrastructure.persistence;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The PostgreSQL driver travels in the WAR and registers itself with {@link DriverManager} when
 * loaded. Deregistering it on undeploy lets the application's class loader be collected, so that
 * redeploying on a long-running Payara Server does not leak one copy of the application per deploy.
 */
@WebListener
public class JdbcDriverDeregistration implements ServletContextListener {

    private static final Logger LOG = Logger.getLogger(JdbcDriverDeregistration.class.getName());

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getClassLoader() == application) {
                try {
                    DriverManager.deregisterDriver(driver);
                } catch (SQLException e) {
                    LOG.log(Level.WARNING, "could not deregister JDBC driver " + driver.getClass().getName(), e);
                }
            }
        }
    }
}
