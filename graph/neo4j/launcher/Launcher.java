// Embedded Neo4j 5 with a Bolt connector: a real server for development, tests and CI on
// machines that have Java and Maven Central but neither Docker nor the Neo4j tarball.
//
// Run as a single-file source program (no build step; the jars come from pom.xml beside it):
//
//   TALENTGRAPH_NEO4J_PASSWORD=... java --add-opens=... -cp '<cache>/lib/*' Launcher.java DATA_DIR PORT [PAGECACHE [IMPORT_DIR]]
//
// IMPORT_DIR, when given, is the root of LOAD CSV's file:/// URLs (server.directories.import):
// 'file:///x.csv' reads IMPORT_DIR/x.csv and nothing outside it can be read. Without it the
// embedded server resolves file:/// URLs against the filesystem root, as before.
//
// Contract with talentgraph.graph.neo4j_server (keep the two in step):
//   * the password arrives only through the environment variable TALENTGRAPH_NEO4J_PASSWORD,
//     so it never shows in `ps` output, and this program never prints it;
//   * exactly one line "READY bolt://127.0.0.1:PORT" goes to stdout, once Bolt accepts
//     connections and the password is set (PORT is the bound one, which matters for PORT 0);
//   * failures go to stderr with "FAILED: " and a non-zero exit code;
//   * it runs until stdin reaches end-of-file or the JVM gets SIGTERM/SIGINT, then shuts the
//     databases down cleanly, so a parent that dies without cleaning up cannot leak a server.

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

public class Launcher {
    static final String PASSWORD_ENV = "TALENTGRAPH_NEO4J_PASSWORD";
    static final String HOST = "127.0.0.1";
    // The name the Python side and every query in the project use; pinned rather than left to
    // the default so a changed default in a later 5.x cannot move the data elsewhere.
    static final String DATABASE = "neo4j";

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 4) {
            fail("usage: Launcher.java DATA_DIR PORT [PAGECACHE_MIB [IMPORT_DIR]]  (password in $" + PASSWORD_ENV + ")");
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        long pageCacheMib = args.length >= 3 ? Long.parseLong(args[2]) : 64;
        Path importDir = args.length == 4 ? Path.of(args[3]).toAbsolutePath() : null;
        String password = System.getenv(PASSWORD_ENV);
        if (password == null || password.isEmpty()) {
            fail("$" + PASSWORD_ENV + " is not set");
        }
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        if (importDir != null) {
            Files.createDirectories(importDir);
            builder.setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                // Tests and development talk plain Bolt on loopback; TLS would need certificates.
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                // Only Bolt is needed; an HTTP port would be one more port to collide on.
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.initial_default_database, DATABASE)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pageCacheMib))
                // Keep a dev/test store small: transaction logs are not needed for recovery
                // beyond the last checkpoint here.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                // Netty's graceful shutdown waits out a 5 s quiet period per event loop group,
                // which made every stop take ~10 s; a test session and Ctrl-C should not.
                // Internal settings, so tied to the pinned version in pom.xml.
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build();

        AtomicBoolean stopped = new AtomicBoolean(false);
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                dbms.shutdown();
            }
        };
        // SIGTERM and SIGINT run shutdown hooks; a clean shutdown checkpoints the store, so the
        // next start on the same data folder needs no recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
            GraphDatabaseService db = dbms.database(DATABASE);
            int boundPort = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class)
                    .getLocalAddress(ConnectorType.BOLT)
                    .getPort();
            waitForBolt(boundPort, 30_000);
            System.out.println("READY bolt://" + HOST + ":" + boundPort);
            System.out.flush();
        } catch (Throwable e) {
            stop.run();
            fail(e.toString());
        }

        // The parent holds our stdin open; end-of-file means it is gone (or asked us to stop).
        try {
            while (System.in.read() != -1) {
                // any input is ignored; only end-of-file matters
            }
        } catch (IOException ignored) {
            // a broken stdin means the parent is gone, same as end-of-file
        }
        System.exit(0); // runs the shutdown hook
    }

    // The system database starts with neo4j/neo4j and "change required", which the Python
    // driver cannot get past; set the chosen password once, bound as a parameter so it is
    // never part of the query text (and so never in the query log).
    static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED",
                    Map.of("pw", password));
        } catch (QueryExecutionException e) {
            // A reused data folder already holds this password, and Neo4j refuses to "change"
            // a password to itself; that is the state we want, so it is not an error.
            boolean samePassword = "Neo.ClientError.Statement.ArgumentError".equals(e.getStatusCode())
                    && e.getMessage() != null
                    && e.getMessage().contains("Old password and new password cannot be the same");
            if (!samePassword) {
                throw e;
            }
        }
    }

    // build() returns once the connector is bound, but "bound" and "accepting" are checked
    // here anyway so READY is never a lie to a parent that connects straight away.
    static void waitForBolt(int port, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 1000);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("Bolt did not accept connections on port " + port, e);
                }
                Thread.sleep(100);
            }
        }
    }

    static void fail(String message) {
        System.err.println("FAILED: " + message);
        System.err.flush();
        System.exit(2);
    }
}
