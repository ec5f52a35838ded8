package dev.evalbot.rules.board;

/** Told when a model gains or loses its row on a task, so a benchmark counts models without a scan. */
interface Membership {
    Membership NONE = new Membership() {
        @Override
        public void join(TaskSlot task, ModelSlot model) {}

        @Override
        public void leave(TaskSlot task, ModelSlot model) {}
    };

    void join(TaskSlot task, ModelSlot model);

    void leave(TaskSlot task, ModelSlot model);
}
