package dev.contextdb.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.contextdb.test.TestDatabase.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * The helper skips a test only when nothing answers at the server's address; a server that
 * answers and refuses the settings fails the test, so a typo cannot turn the build green.
 */
class TestDatabaseTest {

    @Test
    void aWrongPasswordFailsInsteadOfSkipping() {
        // PostgreSQL here trusts every local login, so the wrong password is tried on MariaDB.
        try (TestDatabase mariadb = TestDatabase.mariadb()) {
            TestDatabase wrong = new TestDatabase(Kind.MARIADB, mariadb.url(), mariadb.username(), "not-the-password");
            assertThatThrownBy(() -> TestDatabase.connect(wrong, "start it", false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("MARIADB at " + mariadb.url() + " refused user '" + mariadb.username()
                            + "' (SQLSTATE 28000, error 1045: ")
                    .hasMessageEndingWith("The server is up, so the settings are wrong: check CONTEXTDB_MARIADB_URL,"
                            + " CONTEXTDB_MARIADB_USER and CONTEXTDB_MARIADB_PASSWORD.");
        }
    }

    @Test
    void anUnknownDatabaseOrUserFailsInsteadOfSkipping() {
        try (TestDatabase postgres = TestDatabase.postgres()) {
            String missing = TestDatabase.uniqueName("missing");
            TestDatabase unknownDatabase = new TestDatabase(Kind.POSTGRESQL, postgres.urlOf(missing),
                    postgres.username(), postgres.password());
            assertThatThrownBy(() -> TestDatabase.connect(unknownDatabase, "start it", false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(SQLSTATE 3D000, error 0: FATAL: database \"" + missing + "\" does not exist)");
            TestDatabase unknownUser = new TestDatabase(Kind.POSTGRESQL, postgres.url(), missing, "");
            assertThatThrownBy(() -> TestDatabase.connect(unknownUser, "start it", false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("(SQLSTATE 28000, error 0: FATAL: role \"" + missing + "\" does not exist)");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aClosedPortSkipsLocallyAndFailsUnderCi(Kind kind) throws IOException {
        int closed = closedPort();
        String url = "jdbc:" + (kind == Kind.POSTGRESQL ? "postgresql" : "mariadb") + "://127.0.0.1:" + closed + "/test";
        TestDatabase nobody = new TestDatabase(kind, url, "nobody", "");
        assertThatThrownBy(() -> TestDatabase.connect(nobody, "start it", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageStartingWith(kind + " is not reachable at " + url + " (")
                .hasMessageEndingWith("). Start it with: start it — or point CONTEXTDB_"
                        + (kind == Kind.POSTGRESQL ? "POSTGRES" : "MARIADB") + "_URL at a running server.");
        assertThatThrownBy(() -> TestDatabase.connect(nobody, "start it", true))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(kind + " is not reachable at " + url)
                .hasMessageEndingWith("Under CI=true an unreachable server fails the test.");
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB"})
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatNeverAnswersSkipsAfterTheLoginTimeout(Kind kind) throws IOException {
        // Accepts connections (the backlog does) and never says a word: the login times out.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String url = "jdbc:" + (kind == Kind.POSTGRESQL ? "postgresql" : "mariadb") + "://127.0.0.1:"
                    + silent.getLocalPort() + "/test";
            TestDatabase nobody = new TestDatabase(kind, url, "nobody", "");
            assertThatThrownBy(() -> TestDatabase.connect(nobody, "start it", false))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageStartingWith(kind + " is not reachable at " + url + " (");
        }
    }

    /** A port that was free a moment ago: bound and released, so nothing listens on it. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }
}
