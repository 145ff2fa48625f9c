namespace AiLint.Generators.Pipeline
{
    /// <summary>
    /// Streaming MurmurHash3 x64_128 over a sequence of 64-bit words (the standard algorithm applied to the words'
    /// little-endian bytes, seed 0). Local because the generator targets netstandard2.0 and takes no dependencies.
    /// </summary>
    /// <remarks>
    /// Why 128 bits of a well-mixed hash and not <c>GetHashCode</c>: a declaration fingerprint that compares equal
    /// while the declarations differ would silently keep stale generated code, so a collision must be astronomically
    /// unlikely (about 2^-128 per comparison for non-adversarial input; the generator only ever compares a tree's
    /// fingerprint with its own previous one). MurmurHash3 is not collision resistant against someone who crafts
    /// source on purpose; such a person already controls the source, and therefore the generated code.
    /// Callers must feed a prefix-free encoding (tags, lengths before strings) so that different inputs are different
    /// word streams.
    /// </remarks>
    internal struct Hash128
    {
        private const ulong C1 = 0x87c37b91114253d5UL;
        private const ulong C2 = 0x4cf5ad432745937fUL;

        private ulong h1;
        private ulong h2;
        private ulong pending;
        private bool hasPending;
        private ulong words;

        public void Add(ulong word)
        {
            words++;
            if (!hasPending)
            {
                pending = word;
                hasPending = true;
                return;
            }

            hasPending = false;
            var k1 = pending;
            var k2 = word;
            k1 *= C1;
            k1 = Rotl(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Rotl(h1, 27);
            h1 += h2;
            h1 = (h1 * 5) + 0x52dce729;
            k2 *= C2;
            k2 = Rotl(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Rotl(h2, 31);
            h2 += h1;
            h2 = (h2 * 5) + 0x38495ab5;
        }

        /// <summary>Adds the length, then the UTF-16 code units four to a word (the length makes the padding unambiguous).</summary>
        public void Add(string text)
        {
            Add((ulong)text.Length);
            var i = 0;
            for (; i + 4 <= text.Length; i += 4)
            {
                Add(text[i] | ((ulong)text[i + 1] << 16) | ((ulong)text[i + 2] << 32) | ((ulong)text[i + 3] << 48));
            }

            if (i < text.Length)
            {
                ulong last = 0;
                for (var shift = 0; i < text.Length; i++, shift += 16)
                {
                    last |= (ulong)text[i] << shift;
                }

                Add(last);
            }
        }

        public (ulong Low, ulong High) Finish()
        {
            var a = h1;
            var b = h2;
            if (hasPending)
            {
                var k1 = pending * C1;
                k1 = Rotl(k1, 31);
                k1 *= C2;
                a ^= k1;
            }

            var length = words * 8;
            a ^= length;
            b ^= length;
            a += b;
            b += a;
            a = Mix(a);
            b = Mix(b);
            a += b;
            b += a;
            return (a, b);
        }

        private static ulong Rotl(ulong x, int r) => (x << r) | (x >> (64 - r));

        private static ulong Mix(ulong k)
        {
            k ^= k >> 33;
            k *= 0xff51afd7ed558ccdUL;
            k ^= k >> 33;
            k *= 0xc4ceb9fe1a85ec53UL;
            k ^= k >> 33;
            return k;
        }
    }
}
