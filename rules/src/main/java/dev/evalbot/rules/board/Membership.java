package dev.evalbot.rules.board;

/** Told when a model gains or loses its row on a task, so a benchmark counts models without a scan. */
interface Membership {
    Membership NONE = new Membership() {
        @Override
        public void join(ModelKey model) {}

        @Override
        public void leave(ModelKey model) {}
    };

    void join(ModelKey model);

    void leave(ModelKey model);
}
