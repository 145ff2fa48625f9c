using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.Text;

namespace AiLint.Analyzers.Gating
{
    /// <summary>
    /// The distinct whole words of a list of texts, each with the texts that spell it, read in one pass over each text;
    /// afterwards "which texts spell any of these names" is answered without reading a text again.
    /// </summary>
    /// <remarks>
    /// The answers are <see cref="IdentifierScan.Spells"/>'s for the same names, text by text: the same word characters
    /// (<see cref="IdentifierScan.IsWordChar"/>), the same whole-word equality, and a text containing <c>\u</c>, <c>\U</c>
    /// or a formatting character spells every name (its reading stops there), but no name of an empty set.
    /// Why one index and not a scan per question: four callers each read every character of the compilation's texts
    /// with their own names (docs/performance.md, session 35's profile, rank 1), and most of the cost is the
    /// per-character loop, not the per-word look-up; reading once and remembering each text's words costs about one
    /// such pass. Words are kept once per index (a character pool and an open-addressing table compared by characters,
    /// so no string is made per word), with a list of the texts that spell each (one entry per word and text).
    /// Built once, then only read: safe to query from several threads.
    /// </remarks>
    internal sealed class WordIndex
    {
        private const uint HashSeed = 2166136261;   // FNV-1a
        private const uint HashPrime = 16777619;

        private readonly bool[] spellsEverything;

        // Open addressing: bucket -> entry + 1 (0: empty); a power of two, at most half full.
        private int[] buckets = new int[4096];

        // Per entry (a distinct word): its hash, where its characters are in the pool, its length, the last text posted
        // for it (a text posts a word once), and its first posting.
        private uint[] hashes = new uint[1024];
        private int[] starts = new int[1024];
        private int[] lengths = new int[1024];
        private int[] lastText = new int[1024];
        private int[] firstPosting = new int[1024];
        private int count;

        private char[] pool = new char[16 * 1024];
        private int poolLength;

        // Postings: a text that spells the word, and the word's next posting (-1: none), in blocks of BlockLength.
        // Why blocks: one array for a project's postings (about 75,000 per 1,000 files) would be a large-object-heap
        // allocation (collected only with gen 2) and, grown by doubling, copied and allocated about twice; a block
        // stays below the large-object threshold and is never copied.
        private const int BlockShift = 13;
        private const int BlockLength = 1 << BlockShift;
        private const int BlockMask = BlockLength - 1;
        private readonly List<int[]> postingText = new List<int[]>();
        private readonly List<int[]> postingNext = new List<int[]>();
        private int postingCount;

        private WordIndex(int textCount)
        {
            spellsEverything = new bool[textCount];
        }

        public int TextCount => spellsEverything.Length;

        /// <summary>Distinct words, postings and pooled characters (for the benchmarks).</summary>
        public (int Words, int Postings, int Chars) Size => (count, postingCount, poolLength);

        /// <summary>Reads every text once.</summary>
        public static WordIndex Build(IReadOnlyList<SourceText> texts)
        {
            var index = new WordIndex(texts.Count);
            var chunk = new char[IdentifierScan.ChunkLength];
            var word = new char[64];
            for (var i = 0; i < texts.Count; i++)
            {
                index.Read(i, texts[i], chunk, ref word);
            }

            return index;
        }

        /// <summary>For each text, whether it spells one of <paramref name="names"/> as a whole word (or may, see remarks).</summary>
        public bool[] TextsSpellingAny(IEnumerable<string> names)
        {
            var spelled = new bool[spellsEverything.Length];
            var anyName = false;
            foreach (var name in names)
            {
                if (name.Length == 0)
                {
                    continue;
                }

                anyName = true;
                for (var p = FirstPostingOf(name); p >= 0; p = postingNext[p >> BlockShift][p & BlockMask])
                {
                    spelled[postingText[p >> BlockShift][p & BlockMask]] = true;
                }
            }

            if (anyName)
            {
                for (var i = 0; i < spelled.Length; i++)
                {
                    spelled[i] |= spellsEverything[i];
                }
            }

            return spelled;
        }

        private void Read(int textIndex, SourceText text, char[] chunk, ref char[] word)
        {
            var length = 0;
            var hash = HashSeed;
            var previous = '\0';
            for (var start = 0; start < text.Length; start += chunk.Length)
            {
                var n = Math.Min(chunk.Length, text.Length - start);
                text.CopyTo(start, chunk, 0, n);
                for (var i = 0; i < n; i++)
                {
                    var c = chunk[i];
                    if (IdentifierScan.IsWordChar(c))
                    {
                        if (length == word.Length)
                        {
                            Array.Resize(ref word, length * 2);
                        }

                        word[length++] = c;
                        hash = (hash ^ c) * HashPrime;
                    }
                    else
                    {
                        if (length > 0)
                        {
                            Add(textIndex, word, length, hash);
                            length = 0;
                            hash = HashSeed;
                        }

                        if (IdentifierScan.IsFormatChar(c))
                        {
                            spellsEverything[textIndex] = true;
                            return;
                        }
                    }

                    // `\u0041` or `\U00000041`, inside a word or starting one (as IdentifierScan).
                    if (previous == '\\' && (c == 'u' || c == 'U'))
                    {
                        spellsEverything[textIndex] = true;
                        return;
                    }

                    previous = c;
                }
            }

            if (length > 0)
            {
                Add(textIndex, word, length, hash);
            }
        }

        private void Add(int textIndex, char[] word, int length, uint hash)
        {
            var mask = buckets.Length - 1;
            for (var b = (int)(hash & (uint)mask); ; b = (b + 1) & mask)
            {
                var entry = buckets[b] - 1;
                if (entry < 0)
                {
                    buckets[b] = NewEntry(word, length, hash) + 1;
                    Post(count - 1, textIndex);
                    if (count * 2 > buckets.Length)
                    {
                        Rehash();
                    }

                    return;
                }

                if (hashes[entry] == hash && lengths[entry] == length && SameChars(starts[entry], word, length))
                {
                    if (lastText[entry] != textIndex)
                    {
                        Post(entry, textIndex);
                    }

                    return;
                }
            }
        }

        private int FirstPostingOf(string name)
        {
            var hash = HashSeed;
            foreach (var c in name)
            {
                hash = (hash ^ c) * HashPrime;
            }

            var mask = buckets.Length - 1;
            for (var b = (int)(hash & (uint)mask); ; b = (b + 1) & mask)
            {
                var entry = buckets[b] - 1;
                if (entry < 0)
                {
                    return -1;
                }

                if (hashes[entry] == hash && lengths[entry] == name.Length && SameChars(starts[entry], name))
                {
                    return firstPosting[entry];
                }
            }
        }

        private int NewEntry(char[] word, int length, uint hash)
        {
            if (count == hashes.Length)
            {
                var size = count * 2;
                Array.Resize(ref hashes, size);
                Array.Resize(ref starts, size);
                Array.Resize(ref lengths, size);
                Array.Resize(ref lastText, size);
                Array.Resize(ref firstPosting, size);
            }

            if (poolLength + length > pool.Length)
            {
                Array.Resize(ref pool, Math.Max(pool.Length * 2, poolLength + length));
            }

            Array.Copy(word, 0, pool, poolLength, length);
            hashes[count] = hash;
            starts[count] = poolLength;
            lengths[count] = length;
            lastText[count] = -1;
            firstPosting[count] = -1;
            poolLength += length;
            return count++;
        }

        private void Post(int entry, int textIndex)
        {
            if ((postingCount & BlockMask) == 0)
            {
                postingText.Add(new int[BlockLength]);
                postingNext.Add(new int[BlockLength]);
            }

            postingText[postingCount >> BlockShift][postingCount & BlockMask] = textIndex;
            postingNext[postingCount >> BlockShift][postingCount & BlockMask] = firstPosting[entry];
            firstPosting[entry] = postingCount++;
            lastText[entry] = textIndex;
        }

        private void Rehash()
        {
            buckets = new int[buckets.Length * 2];
            var mask = buckets.Length - 1;
            for (var entry = 0; entry < count; entry++)
            {
                var b = (int)(hashes[entry] & (uint)mask);
                while (buckets[b] != 0)
                {
                    b = (b + 1) & mask;
                }

                buckets[b] = entry + 1;
            }
        }

        private bool SameChars(int start, char[] word, int length)
        {
            for (var j = 0; j < length; j++)
            {
                if (pool[start + j] != word[j])
                {
                    return false;
                }
            }

            return true;
        }

        private bool SameChars(int start, string name)
        {
            for (var j = 0; j < name.Length; j++)
            {
                if (pool[start + j] != name[j])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
