package io.sluice.protocols.srt.ffm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * One libsrt epoll container ({@code srt_epoll_*}). {@link #add}, {@link #update} and {@link #remove} may be called
 * from any thread (libsrt locks); {@link #await} and the readers of its result belong to one thread, the poller,
 * and allocate nothing: events land in a preallocated array of {@code SRT_EPOLL_EVENT {int fd; int events;}}.
 */
public final class SrtEpoll implements AutoCloseable {
    private static final int EVENT_BYTES = 8;

    private final int eid;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment events;
    private final long eventsAddress;
    private final int capacity;
    private boolean closed;

    /** A container that may be empty while waiting (srt_epoll_set flag 1), reporting at most {@code capacity}. */
    public SrtEpoll(int capacity) {
        SrtLibrary.start();
        this.capacity = capacity;
        this.events = arena.allocate((long) capacity * EVENT_BYTES, 8);
        this.eventsAddress = events.address();
        int id = Srt.epollCreate();
        if (id < 0) {
            arena.close();
            throw Srt.failure("srt_epoll_create", -1);
        }
        this.eid = id;
        Srt.epollSet(eid, 1);                                    // empty container: wait instead of failing with 5014
    }

    /** Watches {@code socket} for {@code flags} ({@link SrtErrors#EPOLL_IN} | ...). */
    public void add(int socket, int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment value = call.allocate(ValueLayout.JAVA_INT);
            value.set(ValueLayout.JAVA_INT, 0, flags);
            if (Srt.epollAdd(eid, socket, value) < 0) {
                throw Srt.failure("srt_epoll_add_usock", socket);
            }
        }
    }

    public void update(int socket, int flags) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment value = call.allocate(ValueLayout.JAVA_INT);
            value.set(ValueLayout.JAVA_INT, 0, flags);
            if (Srt.epollUpdate(eid, socket, value) < 0) {
                throw Srt.failure("srt_epoll_update_usock", socket);
            }
        }
    }

    /** Stops watching {@code socket}; harmless if it was not watched or is already closed. */
    public void remove(int socket) {
        Srt.epollRemove(eid, socket);
    }

    /**
     * Waits up to {@code timeoutMs} (-1 = forever) for ready sockets; returns how many (0 on timeout), readable with
     * {@link #socket(int)} and {@link #flags(int)}. Allocates nothing.
     */
    public int await(long timeoutMs) {
        int ready = Srt.epollUwait(eid, eventsAddress, capacity, timeoutMs);
        if (ready < 0) {
            throw Srt.failure("srt_epoll_uwait", -1);
        }
        return Math.min(ready, capacity);
    }

    public int socket(int index) {
        return events.get(ValueLayout.JAVA_INT, (long) index * EVENT_BYTES);
    }

    public int flags(int index) {
        return events.get(ValueLayout.JAVA_INT, (long) index * EVENT_BYTES + 4);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Srt.epollRelease(eid);
            arena.close();
        }
    }
}
