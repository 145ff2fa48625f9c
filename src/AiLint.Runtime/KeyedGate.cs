using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace AiLint.Runtime
{
    /// <summary>
    /// One async lock per key, in this process. Two attempts with the same key wait for each other, so only one
    /// reaches the model; the second then finds the stored answer. Entries are removed when nobody holds or waits
    /// for them, so the table only grows with the number of keys in flight.
    /// </summary>
    internal sealed class KeyedGate
    {
        /// <summary>
        /// Shared by every decorator and helper call in the process: two clients built over the same store must
        /// still see each other's attempts. Different stores that happen to use the same key only wait needlessly.
        /// </summary>
        public static readonly KeyedGate Shared = new KeyedGate();

        private readonly Dictionary<string, Entry> _entries = new Dictionary<string, Entry>(StringComparer.Ordinal);

        /// <summary>Waits until no other holder of <paramref name="key"/> remains; dispose the result to leave.</summary>
        public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
        {
            Entry entry;
            lock (_entries)
            {
                if (!_entries.TryGetValue(key, out entry!))
                {
                    entry = new Entry();
                    _entries.Add(key, entry);
                }
                entry.Users++;
            }

            try
            {
                await entry.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                Leave(key, entry);
                throw;
            }

            return new Holder(this, key, entry);
        }

        /// <summary>How many keys are held or awaited now (for tests).</summary>
        internal int Count
        {
            get { lock (_entries) return _entries.Count; }
        }

        private void Leave(string key, Entry entry)
        {
            lock (_entries)
            {
                if (--entry.Users == 0)
                    _entries.Remove(key);
            }
        }

        private sealed class Entry
        {
            public readonly SemaphoreSlim Semaphore = new SemaphoreSlim(1, 1);
            public int Users;
        }

        private sealed class Holder : IDisposable
        {
            private KeyedGate? _gate;
            private readonly string _key;
            private readonly Entry _entry;

            public Holder(KeyedGate gate, string key, Entry entry)
            {
                _gate = gate;
                _key = key;
                _entry = entry;
            }

            public void Dispose()
            {
                var gate = Interlocked.Exchange(ref _gate, null);
                if (gate == null)
                    return;
                _entry.Semaphore.Release();
                gate.Leave(_key, _entry);
            }
        }
    }
}
