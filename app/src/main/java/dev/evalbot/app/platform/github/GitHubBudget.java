package dev.evalbot.app.platform.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.evalbot.app.review.PlatformException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GitHub's budget per installation, kept on this side: content-creating requests are let through
 * at most {@link BudgetSettings#windows()} per sliding window, one at a time in order of arrival
 * (a fair lock: the review that asked first writes first, whatever its repository), and after a
 * 403/429 rate-limit answer no request of that installation leaves before its wait is over:
 * {@code Retry-After} when GitHub gives one, the primary limit's {@code X-RateLimit-Reset} when it
 * is spent, else a minute doubled on each further limit (GitHub's advice for secondary limits).
 * A wait longer than {@link BudgetSettings#maxInlineWait()} is not slept in a worker: it becomes a
 * {@link PlatformException#budgetWait() budget wait} that the inbox schedules for when it ends.
 */
final class GitHubBudget {
    private final BudgetSettings settings;
    private final Clock clock;
    private final Pause pause;
    private final MeterRegistry meters;
    private final Counter limited;
    private final Cache<String, Account> accounts = Caffeine.newBuilder().maximumSize(10_000).build();

    public GitHubBudget(BudgetSettings settings, Clock clock, Pause pause, MeterRegistry meters) {
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
        this.meters = meters;
        this.limited = Counter.builder("evalbot.github.rate.limited")
                .description("GitHub answers that were a rate limit (403/429)").register(meters);
    }

    public BudgetSettings settings() {
        return settings;
    }

    /** One installation (or the token): what it sent recently, and until when it must not send. */
    private static final class Account {
        /** Writers wait here in order of arrival; the head sleeps until its slot. */
        final ReentrantLock line = new ReentrantLock(true);
        /**
         * One request of the installation on the wire at a time (GitHub's advice against secondary
         * limits), so that none leaves while another's answer may be a rate limit.
         */
        final ReentrantLock wire = new ReentrantLock(true);
        final AtomicInteger queued = new AtomicInteger();
        /** Guarded by this: content-creating requests let through, oldest first. */
        final ArrayDeque<Instant> sent = new ArrayDeque<>();
        /**
         * Guarded by this: notices let through, oldest first. They count apart from the reviews'
         * writes, in the share kept for them, so that a notice never takes a review's room.
         */
        final ArrayDeque<Instant> notices = new ArrayDeque<>();
        Instant blockedUntil = Instant.MIN;
        /** Guarded by this: slots promised to reviews sent back to the inbox, so that each comes back in its turn. */
        final ArrayDeque<Instant> booked = new ArrayDeque<>();
        int strikes;
        long primaryRemaining = -1;
    }

    private Account account(String name) {
        return accounts.get(name, n -> {
            Account a = new Account();
            Gauge.builder("evalbot.github.budget.left", a, this::left).tag("installation", n)
                    .description("content-creating GitHub requests left in the tightest window").register(meters);
            Gauge.builder("evalbot.github.budget.wait.seconds", a, x -> waitForNext(x).toMillis() / 1000.0)
                    .tag("installation", n).description("how long a new write would wait for GitHub's budget")
                    .register(meters);
            Gauge.builder("evalbot.github.rate.remaining", a, x -> x.primaryRemaining).tag("installation", n)
                    .description("GitHub's X-RateLimit-Remaining, last seen (-1: not yet)").register(meters);
            return a;
        });
    }

    /**
     * Waits until a request of {@code account} may leave: any request after a rate-limit answer's
     * wait, a content-creating one also in its turn and within the windows.
     *
     * @throws PlatformException a budget wait, when the wait is longer than a worker should sleep
     */
    public void acquire(String accountName, boolean contentCreating) throws InterruptedException {
        Account a = account(accountName);
        if (!contentCreating) {
            while (true) {
                Instant now = clock.instant();
                Instant ready;
                synchronized (a) {
                    ready = a.blockedUntil;
                }
                if (!ready.isAfter(now)) {
                    return;
                }
                waitOrDefer(a, now, ready);
            }
        }
        a.queued.incrementAndGet();
        try {
            // In line behind other writers for no longer than a worker may wait (real time: the line
            // moves as they send); past that the review waits in the inbox instead.
            if (!a.line.tryLock(Math.max(1, settings.maxInlineWait().toNanos()), TimeUnit.NANOSECONDS)) {
                throw waitUntil(estimate(a, a.queued.get()));
            }
            try {
                while (true) {
                    Instant now = clock.instant();
                    Instant ready;
                    synchronized (a) {
                        ready = readyAt(a.sent, a.blockedUntil, now);
                        if (!ready.isAfter(now)) {
                            a.sent.addLast(now);
                            return;
                        }
                    }
                    waitOrDefer(a, now, ready);
                }
            } finally {
                a.line.unlock();
            }
        } finally {
            a.queued.decrementAndGet();
        }
    }

    private void waitOrDefer(Account a, Instant now, Instant ready) throws InterruptedException {
        if (Duration.between(now, ready).compareTo(settings.maxInlineWait()) > 0) {
            // Behind the writers already waiting, not only this one's own slot.
            Instant due = latest(ready, estimate(a, a.queued.get()));
            throw waitUntil(due);
        }
        pause.until(ready);
    }

    /**
     * Sends one request of the account alone on the wire. After a rate-limit answer that arrived
     * while it waited for the wire, it is sent when that wait is over, or becomes a budget wait
     * when the wait is longer than a worker may sleep.
     */
    public <T> T alone(String accountName, java.util.concurrent.Callable<T> send) throws Exception {
        Account a = account(accountName);
        a.wire.lockInterruptibly();
        try {
            while (true) {
                Instant now = clock.instant();
                Instant blocked;
                synchronized (a) {
                    blocked = a.blockedUntil;
                }
                if (!blocked.isAfter(now)) {
                    return send.call();
                }
                waitOrDefer(a, now, blocked); // nobody of this installation may send meanwhile anyway
            }
        } finally {
            a.wire.unlock();
        }
    }

    /** A budget wait until {@code due}, in the words a waiting review shows. */
    PlatformException waitUntil(Instant due) {
        return PlatformException.budgetWait(queuedText(Duration.between(clock.instant(), due)), due);
    }

    /** "queued: GitHub's rate limit, about N min", the words a waiting review shows. */
    public static String queuedText(Duration wait) {
        long minutes = Math.max(1, (wait.toSeconds() + 59) / 60);
        return "queued: GitHub's rate limit, about " + minutes + " min";
    }

    /**
     * Reads GitHub's answer: a rate limit (429; 403 with {@code Retry-After}, a spent primary limit, or
     * "secondary rate limit" in its body) blocks the installation until its wait is over.
     *
     * @return when the installation may send again, if the answer was a rate limit
     */
    public Optional<Instant> answered(String accountName, int status, Map<String, List<String>> headers, byte[] body) {
        Account a = account(accountName);
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                h.put(k, v);
            }
        });
        Instant now = clock.instant();
        Long remaining = number(h, "X-RateLimit-Remaining");
        Long reset = number(h, "X-RateLimit-Reset");
        Long retryAfter = number(h, "Retry-After");
        boolean spent = remaining != null && remaining == 0 && reset != null;
        boolean limit = status == 429 || (status == 403 && (retryAfter != null || spent || saysRateLimit(body)));
        synchronized (a) {
            if (remaining != null) {
                a.primaryRemaining = remaining;
            }
            if (spent) {
                a.blockedUntil = latest(a.blockedUntil, Instant.ofEpochSecond(reset));
            }
            if (!limit) {
                if (status < 400) {
                    a.strikes = 0;
                }
                return Optional.empty();
            }
            limited.increment();
            Instant until;
            if (retryAfter != null) {
                until = now.plusSeconds(Math.max(0, retryAfter));
            } else if (spent) {
                until = Instant.ofEpochSecond(reset);
            } else {
                Duration backoff = settings.backoffBase().multipliedBy(1L << Math.min(a.strikes, 20));
                until = now.plus(backoff.compareTo(settings.backoffMax()) > 0 ? settings.backoffMax() : backoff);
                a.strikes++;
            }
            a.blockedUntil = latest(a.blockedUntil, until);
            return Optional.of(a.blockedUntil);
        }
    }

    /**
     * Lets a notice through now if the windows, with the share kept for notices, have room and no
     * limit is being waited out; never waits.
     */
    public boolean tryNotice(String accountName) {
        Account a = account(accountName);
        Instant now = clock.instant();
        synchronized (a) {
            for (BudgetSettings.Window w : settings.windows()) {
                if (settings.reserved(w) < 1) {
                    return false; // a window too small to keep a share for notices
                }
            }
            if (readyAt(a.notices, a.blockedUntil, now, true).isAfter(now)) {
                return false;
            }
            a.notices.addLast(now);
            return true;
        }
    }

    /** How long a review that wants {@code writes} more writes now would wait, behind the queue. */
    public Duration waitFor(String accountName, int writes) {
        Account a = account(accountName);
        Instant now = clock.instant();
        Instant done = estimate(a, a.queued.get() + Math.max(0, writes - 1));
        return done.isAfter(now) ? Duration.between(now, done) : Duration.ZERO;
    }

    /** Content-creating requests left in the tightest window now. */
    public int left(String accountName) {
        return (int) left(account(accountName));
    }

    private double left(Account a) {
        Instant now = clock.instant();
        synchronized (a) {
            long least = Long.MAX_VALUE;
            for (BudgetSettings.Window w : settings.windows()) {
                Instant from = now.minus(w.per());
                long inWindow = a.sent.stream().filter(t -> t.isAfter(from)).count();
                least = Math.min(least, w.requests() - settings.reserved(w) - inWindow);
            }
            return Math.max(0, least == Long.MAX_VALUE ? 0 : least);
        }
    }

    private Duration waitForNext(Account a) {
        Instant now = clock.instant();
        Instant ready;
        synchronized (a) {
            ready = readyAt(a.sent, a.blockedUntil, now);
        }
        return ready.isAfter(now) ? Duration.between(now, ready) : Duration.ZERO;
    }

    /** When the {@code ahead + 1}-th write from now may leave, behind the slots booked already. */
    private Instant estimate(Account a, int ahead) {
        return schedule(a, ahead + 1).get(ahead);
    }

    /** The next {@code writes} free slots, after what was sent and what is booked. */
    private List<Instant> schedule(Account a, int writes) {
        Instant now = clock.instant();
        ArrayDeque<Instant> sent;
        Instant blocked;
        synchronized (a) {
            // A slot due within a worker's wait is its review's now (it is back, or about to be).
            Instant taken = now.plus(settings.maxInlineWait());
            while (!a.booked.isEmpty() && !a.booked.peekFirst().isAfter(taken)) {
                a.booked.pollFirst();
            }
            List<Instant> all = new ArrayList<>(a.sent);
            all.addAll(a.booked);
            all.sort(null);
            sent = new ArrayDeque<>(all);
            blocked = a.blockedUntil;
        }
        List<Instant> out = new ArrayList<>();
        Instant t = now;
        for (int i = 0; i < writes && i < 100_000; i++) {
            t = readyAt(sent, blocked, t);
            sent.addLast(t);
            out.add(t);
        }
        return out;
    }

    /**
     * Books the next {@code writes} free slots for a review sent back to the inbox, behind those
     * already booked (reviews come back in the order they were sent back).
     *
     * @return when the review should start again: its first slot
     */
    public Instant book(String accountName, int writes) {
        Account a = account(accountName);
        synchronized (a) {
            List<Instant> slots = schedule(a, Math.max(1, writes) + a.queued.get());
            List<Instant> mine = slots.subList(a.queued.get(), slots.size());
            a.booked.addAll(mine);
            List<Instant> sorted = new ArrayList<>(a.booked);
            sorted.sort(null);
            a.booked.clear();
            a.booked.addAll(sorted);
            return mine.get(0);
        }
    }

    /**
     * The earliest instant, not before {@code now}, at which one more write fits every window.
     * Each window is kept a fiftieth longer than configured: GitHub counts a request when it
     * arrives, a little after it was let through here.
     */
    private Instant readyAt(ArrayDeque<Instant> sent, Instant blockedUntil, Instant now) {
        return readyAt(sent, blockedUntil, now, false);
    }

    /** @param notice whether {@code sent} are the notices, which fill the share kept for them */
    private Instant readyAt(ArrayDeque<Instant> sent, Instant blockedUntil, Instant now, boolean notice) {
        Instant horizon = now.minus(settings.horizon()).minus(settings.horizon().dividedBy(50));
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(horizon)) {
            sent.pollFirst();
        }
        Instant ready = latest(now, blockedUntil);
        for (BudgetSettings.Window w : settings.windows()) {
            Duration per = w.per().plus(w.per().dividedBy(50));
            List<Instant> inWindow = new ArrayList<>();
            for (Iterator<Instant> it = sent.descendingIterator(); it.hasNext(); ) {
                Instant t = it.next();
                if (!t.isAfter(ready.minus(per))) {
                    break;
                }
                inWindow.add(t); // newest first
            }
            // Reviews' writes and notices fill their own parts of the window: together, never more than it.
            int capacity = notice ? settings.reserved(w) : w.requests() - settings.reserved(w);
            if (inWindow.size() >= capacity) {
                // the write that must leave the window for one more to fit
                ready = latest(ready, inWindow.get(capacity - 1).plus(per));
            }
        }
        return ready;
    }

    private static boolean saysRateLimit(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        String text = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return text.contains("rate limit") || text.contains("abuse detection");
    }

    private static Long number(Map<String, List<String>> h, String name) {
        List<String> values = h.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(values.get(0).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
