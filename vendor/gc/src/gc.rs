use crate::set_data_ptr;
use crate::trace::Trace;
use std::alloc::{alloc, dealloc, Layout};
use std::cell::{Cell, RefCell};
use std::mem;
use std::ptr::{self, NonNull};

#[cfg(feature = "nightly")]
use std::marker::Unsize;

struct GcState {
    stats: GcStats,
    config: GcConfig,
    /// minijs: every box, in a vector instead of a list threaded through
    /// the boxes (see PATCH.md).
    boxes: Vec<NonNull<GcBox<dyn Trace>>>,
    /// minijs: the memory of swept boxes, kept for new boxes of the same
    /// layout (see PATCH.md).
    pools: [Pool; POOLS],
}

/// minijs: how many box layouts have a pool (minijs has two common ones:
/// objects and environment records).
const POOLS: usize = 2;

/// minijs: the most bytes one pool keeps.
const POOL_BYTES: usize = 2 << 20;

/// minijs: freed boxes of one layout (a size of 0: no layout yet), each
/// an allocation of that layout from the global allocator, holding no
/// value.
struct Pool {
    size: usize,
    align: usize,
    free: Vec<NonNull<u8>>,
}

impl Pool {
    const EMPTY: Pool = Pool {
        size: 0,
        align: 0,
        free: Vec::new(),
    };
}

impl GcState {
    /// minijs: memory for a box of `layout`: a pooled one if there is
    /// one, else a new allocation. The first `POOLS` layouts asked for get
    /// pools.
    #[inline(always)]
    fn take_box(&mut self, layout: Layout) -> *mut u8 {
        for pool in &mut self.pools {
            if pool.size == layout.size() && pool.align == layout.align() {
                if let Some(p) = pool.free.pop() {
                    return p.as_ptr();
                }
                break;
            }
        }
        self.take_new_box(layout)
    }

    /// `take_box` without a pooled box: a new allocation (and a pool for
    /// `layout` if it has none and one is free).
    #[cold]
    #[inline(never)]
    fn take_new_box(&mut self, layout: Layout) -> *mut u8 {
        let known = |p: &Pool| p.size == layout.size() && p.align == layout.align();
        if !self.pools.iter().any(known) {
            if let Some(pool) = self.pools.iter_mut().find(|p| p.size == 0) {
                pool.size = layout.size();
                pool.align = layout.align();
            }
        }
        // Safety: a box's layout has a header, so its size is not 0.
        let p = unsafe { alloc(layout) };
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        p
    }

    /// minijs: gives back the memory of a box of `layout` whose value has
    /// been dropped: into its layout's pool while that has room, else to
    /// the global allocator.
    ///
    /// # Safety
    /// `p` was allocated with `layout` by the global allocator, and
    /// nothing uses it any more.
    #[inline(always)]
    unsafe fn give_back(&mut self, p: NonNull<u8>, layout: Layout) {
        for pool in &mut self.pools {
            if pool.size == layout.size() && pool.align == layout.align() {
                if pool.free.len() * pool.size < POOL_BYTES {
                    pool.free.push(p);
                    return;
                }
                break;
            }
        }
        dealloc(p.as_ptr(), layout);
    }
}

impl Drop for GcState {
    fn drop(&mut self) {
        if !self.config.leak_on_drop {
            collect_garbage(self);
        }
        // We have no choice but to leak any remaining nodes that
        // might be referenced from other thread-local variables.
        for pool in &mut self.pools {
            let layout = Layout::from_size_align(pool.size, pool.align);
            for p in pool.free.drain(..) {
                if let Ok(layout) = layout {
                    // Safety: pooled memory was allocated with its pool's
                    // layout and is unused (see `Pool`).
                    unsafe { dealloc(p.as_ptr(), layout) };
                }
            }
        }
    }
}

// Whether or not the thread is currently in the sweep phase of garbage collection.
// During this phase, attempts to dereference a `Gc<T>` pointer will trigger a panic.
thread_local!(pub static GC_DROPPING: Cell<bool> = const { Cell::new(false) });
struct DropGuard;
impl DropGuard {
    fn new() -> DropGuard {
        GC_DROPPING.with(|dropping| dropping.set(true));
        DropGuard
    }
}
impl Drop for DropGuard {
    fn drop(&mut self) {
        GC_DROPPING.with(|dropping| dropping.set(false));
    }
}
// minijs: `#[inline]`, so that each dereference of an unrooted pointer
// reads the thread-local flag in place (see PATCH.md).
#[inline]
#[must_use]
pub fn finalizer_safe() -> bool {
    GC_DROPPING.with(|dropping| !dropping.get())
}

// The garbage collector's internal state.
// minijs: initialised by a constant (upstream: lazily), which makes each
// access cheaper; the values are `GcStats::default()` and
// `GcConfig::default()`.
thread_local!(static GC_STATE: RefCell<GcState> = const {
    RefCell::new(GcState {
        stats: GcStats {
            bytes_allocated: 0,
            collections_performed: 0,
        },
        config: GcConfig {
            used_space_ratio: 0.7,
            threshold: 100,
            leak_on_drop: false,
        },
        boxes: Vec::new(),
        pools: [Pool::EMPTY; POOLS],
    })
});

const MARK_MASK: usize = 1 << (usize::BITS - 1);
const ROOTS_MASK: usize = !MARK_MASK;
const ROOTS_MAX: usize = ROOTS_MASK; // max allowed value of roots

pub(crate) struct GcBoxHeader {
    roots: Cell<usize>, // high bit is used as mark flag
}

impl GcBoxHeader {
    #[inline]
    pub fn new() -> Self {
        GcBoxHeader {
            roots: Cell::new(1), // unmarked and roots count = 1
        }
    }

    #[inline]
    pub fn roots(&self) -> usize {
        self.roots.get() & ROOTS_MASK
    }

    #[inline]
    pub fn inc_roots(&self) {
        let roots = self.roots.get();

        // abort if the count overflows to prevent `mem::forget` loops
        // that could otherwise lead to erroneous drops
        if (roots & ROOTS_MASK) < ROOTS_MAX {
            self.roots.set(roots + 1); // we checked that this wont affect the high bit
        } else {
            panic!("roots counter overflow");
        }
    }

    #[inline]
    pub fn dec_roots(&self) {
        self.roots.set(self.roots.get() - 1); // no underflow check
    }

    #[inline]
    pub fn is_marked(&self) -> bool {
        self.roots.get() & MARK_MASK != 0
    }

    #[inline]
    pub fn mark(&self) {
        self.roots.set(self.roots.get() | MARK_MASK);
    }

    #[inline]
    pub fn unmark(&self) {
        self.roots.set(self.roots.get() & !MARK_MASK);
    }
}

#[repr(C)] // to justify the layout computations in GcBox::from_box, Gc::from_raw
pub(crate) struct GcBox<T: ?Sized + 'static> {
    header: GcBoxHeader,
    data: T,
}

impl<T: Trace> GcBox<T> {
    /// Allocates a garbage collected `GcBox` on the heap,
    /// and appends it to the thread-local `GcBox` chain. This might
    /// trigger a collection.
    ///
    /// A `GcBox` allocated this way starts its life rooted.
    pub(crate) fn new(value: T) -> NonNull<Self> {
        // minijs: the memory may come from a pool (see PATCH.md).
        // Safety: the closure writes a whole `T`.
        unsafe { Self::new_in_place(|p| p.write(value)) }
    }

    /// minijs: `new` with the value written straight into the box by
    /// `init` (no value built elsewhere and copied in), in memory taken
    /// from the pool of the box's layout when it has some, with one
    /// access to the collector's state; see PATCH.md.
    ///
    /// # Safety
    /// `init` writes a complete, valid `T` through the pointer it is given
    /// (which points to uninitialised memory), and does not allocate a
    /// box or otherwise use the collector. The caller handles the value's
    /// rooting as `Gc::new_in_place` says.
    #[inline(always)]
    pub(crate) unsafe fn new_in_place(init: impl FnOnce(*mut T)) -> NonNull<Self> {
        GC_STATE.with(|st| {
            let mut st = st.borrow_mut();
            st.collect_if_due();
            let layout = Layout::new::<GcBox<T>>();
            let p = st.take_box(layout).cast::<GcBox<T>>();
            ptr::write(ptr::addr_of_mut!((*p).header), GcBoxHeader::new());
            init(ptr::addr_of_mut!((*p).data));
            // The box is initialised now (header and data), so it may be
            // treated as a `GcBox<T>`.
            let gcbox = NonNull::new_unchecked(p);
            st.boxes.push(gcbox);
            st.stats.bytes_allocated += layout.size();
            gcbox
        })
    }
}

impl<
        #[cfg(not(feature = "nightly"))] T: Trace,
        #[cfg(feature = "nightly")] T: Trace + Unsize<dyn Trace> + ?Sized,
    > GcBox<T>
{
    /// Consumes a `Box`, moving the value inside into a new `GcBox`
    /// on the heap. Adds the new `GcBox` to the thread-local `GcBox`
    /// chain. This might trigger a collection.
    ///
    /// A `GcBox` allocated this way starts its life rooted.
    pub(crate) fn from_box(value: Box<T>) -> NonNull<Self> {
        let header_layout = Layout::new::<GcBoxHeader>();
        let value_layout = Layout::for_value::<T>(&*value);
        // This relies on GcBox being #[repr(C)].
        let gcbox_layout = header_layout.extend(value_layout).unwrap().0.pad_to_align();

        unsafe {
            // Allocate the GcBox with its own layout: the sweep gives
            // the memory back (to a pool or `dealloc`) by
            // `Layout::for_value` of the box (minijs, see PATCH.md).
            let gcbox_addr = alloc(gcbox_layout);

            // Since we're not allowed to move the value out of an
            // active Box, and we will need to deallocate the Box
            // without calling the destructor, convert it to a raw
            // pointer first.
            let value = Box::into_raw(value);

            // Create a pointer with the metadata of value and the
            // address and provenance of the GcBox.
            let gcbox = set_data_ptr(value as *mut GcBox<T>, gcbox_addr);

            // Move the data.
            ptr::addr_of_mut!((*gcbox).header).write(GcBoxHeader::new());
            ptr::addr_of_mut!((*gcbox).data)
                .cast::<u8>()
                .copy_from_nonoverlapping(value.cast::<u8>(), value_layout.size());

            // Deallocate the former Box. (Box only allocates for size
            // != 0.)
            if value_layout.size() != 0 {
                dealloc(value.cast::<u8>(), value_layout);
            }

            // Add the new GcBox to the chain and return it.
            let gcbox = NonNull::new_unchecked(gcbox);
            insert_gcbox(gcbox);
            gcbox
        }
    }
}

/// Add a new `GcBox` to the current thread's `GcBox` chain. This
/// might trigger a collection first if enough bytes have been
/// allocated since the previous collection.
///
/// # Safety
///
/// `gcbox` must point to a valid `GcBox` that is not yet in a `GcBox`
/// chain.
unsafe fn insert_gcbox(gcbox: NonNull<GcBox<dyn Trace>>) {
    GC_STATE.with(|st| {
        let mut st = st.borrow_mut();
        st.collect_if_due();

        st.boxes.push(gcbox);

        // We allocated some bytes! Let's record it
        st.stats.bytes_allocated += mem::size_of_val::<GcBox<_>>(gcbox.as_ref());
    });
}

impl GcState {
    /// Collects if enough bytes have been allocated since the previous
    /// collection (minijs: taken out of `insert_gcbox`, unchanged, for
    /// `GcBox::new_in_place`).
    #[inline(always)]
    fn collect_if_due(&mut self) {
        // XXX We should probably be more clever about collecting
        if self.stats.bytes_allocated > self.config.threshold {
            self.collect_due();
        }
    }

    #[inline(never)]
    fn collect_due(&mut self) {
        collect_garbage(self);

        if self.stats.bytes_allocated as f64 > self.config.threshold as f64 * self.config.used_space_ratio
        {
            // we didn't collect enough, so increase the
            // threshold for next time, to avoid thrashing the
            // collector too much/behaving quadratically.
            self.config.threshold = (self.stats.bytes_allocated as f64 / self.config.used_space_ratio) as usize;
        }
    }
}

impl<T: ?Sized> GcBox<T> {
    /// Returns `true` if the two references refer to the same `GcBox`.
    pub(crate) fn ptr_eq(this: &GcBox<T>, other: &GcBox<T>) -> bool {
        // Use .header to ignore fat pointer vtables, to work around
        // https://github.com/rust-lang/rust/issues/46139
        ptr::eq(&this.header, &other.header)
    }
}

impl<T: Trace + ?Sized> GcBox<T> {
    /// Marks this `GcBox` and marks through its data.
    pub(crate) unsafe fn trace_inner(&self) {
        if !self.header.is_marked() {
            self.header.mark();
            self.data.trace();
        }
    }
}

impl<T: ?Sized> GcBox<T> {
    /// Increases the root count on this `GcBox`.
    /// Roots prevent the `GcBox` from being destroyed by the garbage collector.
    pub(crate) unsafe fn root_inner(&self) {
        self.header.inc_roots();
    }

    /// Decreases the root count on this `GcBox`.
    /// Roots prevent the `GcBox` from being destroyed by the garbage collector.
    pub(crate) unsafe fn unroot_inner(&self) {
        self.header.dec_roots();
    }

    /// Returns a pointer to the `GcBox`'s value, without dereferencing it.
    pub(crate) fn value_ptr(this: *const GcBox<T>) -> *const T {
        unsafe { ptr::addr_of!((*this).data) }
    }

    /// Returns a reference to the `GcBox`'s value.
    pub(crate) fn value(&self) -> &T {
        &self.data
    }
}

/// Collects garbage.
///
/// minijs: the boxes are walked in a vector rather than along a list
/// threaded through them, with each box's header fetched a few boxes ahead
/// of its use, since a walk of the heap is a chain of cache misses
/// otherwise (see PATCH.md).
fn collect_garbage(st: &mut GcState) {
    /// How many boxes ahead of the walk the headers are prefetched.
    const AHEAD: usize = 8;

    #[inline(always)]
    fn prefetch(boxes: &[NonNull<GcBox<dyn Trace>>], i: usize) {
        #[cfg(target_arch = "x86_64")]
        if let Some(b) = boxes.get(i) {
            // Safety: a prefetch is only a hint to the cache; it reads
            // nothing and cannot fault, whatever the address.
            unsafe {
                std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
                    b.as_ptr() as *const i8,
                )
            };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = (boxes, i);
    }

    st.stats.collections_performed += 1;

    unsafe {
        // Mark: trace from every box with a root count.
        let boxes = &st.boxes;
        for i in 0..boxes.len() {
            prefetch(boxes, i + AHEAD);
            let node = boxes[i];
            if node.as_ref().header.roots() > 0 {
                node.as_ref().trace_inner();
            }
        }

        // Keep (and unmark) the marked boxes in place, in their order;
        // take out the others.
        let mut unmarked = Vec::new();
        let boxes = &mut st.boxes;
        let mut kept = 0;
        for i in 0..boxes.len() {
            prefetch(boxes, i + AHEAD);
            let node = boxes[i];
            if node.as_ref().header.is_marked() {
                node.as_ref().header.unmark();
                boxes[kept] = node;
                kept += 1;
            } else {
                unmarked.push(node);
            }
        }
        boxes.truncate(kept);
        if unmarked.is_empty() {
            return;
        }
        for node in &unmarked {
            Trace::finalize_glue(&node.as_ref().data);
        }
        // minijs: upstream marks the whole heap a second time here, but
        // that pass ends by unmarking every box again, so the sweep frees
        // exactly the boxes found unreachable above either way: the second
        // pass only cost time. See PATCH.md.
        let _guard = DropGuard::new();
        for node in unmarked {
            // minijs: the value is dropped and the memory given back to
            // its pool or freed (upstream: `Box::from_raw`, which frees).
            let layout = Layout::for_value::<GcBox<_>>(node.as_ref());
            st.stats.bytes_allocated -= layout.size();
            ptr::drop_in_place(node.as_ptr());
            st.give_back(node.cast::<u8>(), layout);
        }
    }
}

/// Immediately triggers a garbage collection on the current thread.
///
/// This will panic if executed while a collection is currently in progress
pub fn force_collect() {
    GC_STATE.with(|st| {
        let mut st = st.borrow_mut();
        collect_garbage(&mut st);
    });
}

pub struct GcConfig {
    pub threshold: usize,
    /// after collection we want the the ratio of used/total to be no
    /// greater than this (the threshold grows exponentially, to avoid
    /// quadratic behavior when the heap is growing linearly with the
    /// number of `new` calls):
    pub used_space_ratio: f64,
    /// For short-running processes it is not always appropriate to run
    /// GC, sometimes it is better to let system free the resources
    pub leak_on_drop: bool,
}

impl Default for GcConfig {
    fn default() -> Self {
        Self {
            used_space_ratio: 0.7,
            threshold: 100,
            leak_on_drop: false,
        }
    }
}

#[allow(dead_code)]
pub fn configure(configurer: impl FnOnce(&mut GcConfig)) {
    GC_STATE.with(|st| {
        let mut st = st.borrow_mut();
        configurer(&mut st.config);
    });
}

#[derive(Clone, Default)]
pub struct GcStats {
    pub bytes_allocated: usize,
    pub collections_performed: usize,
}

#[allow(dead_code)]
#[must_use]
pub fn stats() -> GcStats {
    GC_STATE.with(|st| st.borrow().stats.clone())
}
