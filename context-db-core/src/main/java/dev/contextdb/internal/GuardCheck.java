package dev.contextdb.internal;

import dev.contextdb.Guard;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a context taking a connection while another context's transaction is open on the
 * thread: its work is not part of that transaction. {@link Guard#FAIL} refuses before any SQL
 * runs; {@link Guard#WARN} logs once per call site.
 */
public final class GuardCheck {

    private static final Logger log = LoggerFactory.getLogger(GuardCheck.class);
    private static final int MAX_REMEMBERED_SITES = 1024;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final Guard mode;
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    /** @param mode what to do on a crossing */
    public GuardCheck(Guard mode) {
        this.mode = mode;
    }

    /**
     * Called before {@code context} takes a connection.
     * @param state the thread's state, read once by the caller, or {@code null}
     */
    void check(String context, ThreadState state) {
        if (mode == Guard.ALLOW || state == null || state.open == null) {
            return;
        }
        String open = OpenTransactions.otherThan(state, context);
        if (open != null) {
            crossing(context, open);
        }
    }

    private void crossing(String context, String open) {
        String site = callSite();
        String message = "Context '" + context + "' takes a connection while context '" + open
                + "' has a transaction open on this thread, at " + site + ": the work of '" + context
                + "' is not part of the transaction of '" + open + "' and will not roll back with it.";
        if (mode == Guard.FAIL) {
            throw new IllegalStateException(message + " Fix: call '" + context + "' after the transaction of '" + open
                    + "' commits (for example from an event listener), or set context-db.guard=warn"
                    + " or allow if separate transactions are intended.");
        }
        String key = open + ">" + context + "@" + site;
        if (warned.size() < MAX_REMEMBERED_SITES && warned.putIfAbsent(key, Boolean.TRUE) == null) {
            log.warn("context-db guard: {}", message);
        }
    }

    private static String callSite() {
        return WALKER.walk(frames -> frames
                .filter(frame -> !isInfrastructure(frame.getClassName()))
                .findFirst()
                .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName() + ":"
                        + frame.getLineNumber() + ")")
                .orElse("an unknown call site"));
    }

    private static boolean isInfrastructure(String className) {
        return className.startsWith("dev.contextdb.internal.") || className.startsWith("dev.contextdb.ContextScope")
                || className.startsWith("dev.contextdb.boot.")
                || className.startsWith("org.springframework.") || className.startsWith("com.zaxxer.")
                || className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("org.jooq.") || className.contains("$$");
    }
}
