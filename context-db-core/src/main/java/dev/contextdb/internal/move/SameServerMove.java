package dev.contextdb.internal.move;

import dev.contextdb.ContextMove;
import dev.contextdb.internal.MoveEnd;
import java.util.function.Consumer;

/** Not built yet: the helper that owns this class replaces it. */
final class SameServerMove {

    private SameServerMove() {
    }

    static ContextMove.Plan plan(MoveEnd from, MoveEnd to) {
        throw new UnsupportedOperationException("not built yet");
    }

    static ContextMove.Report run(MoveEnd from, MoveEnd to, Consumer<String> progress) {
        throw new UnsupportedOperationException("not built yet");
    }

}
