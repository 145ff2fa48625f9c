using System;
using AiLint.Generators.Schema;

namespace AiLint.Generators.Pipeline
{
    /// <summary>A tree's declaration fingerprint (see <see cref="TreeDeclarations"/>); holds no syntax.</summary>
    internal readonly struct TreeFingerprint : IEquatable<TreeFingerprint>
    {
        public TreeFingerprint(string path, ulong low, ulong high, EquatableArray<string> attributeNames, EquatableArray<string> aliases)
        {
            Path = path;
            Low = low;
            High = high;
            AttributeNames = attributeNames;
            Aliases = aliases;
        }

        public string Path { get; }

        public ulong Low { get; }

        public ulong High { get; }

        /// <summary>Rightmost names of the attributes written on type declarations (<c>LlmSchema</c>, <c>Description</c>), sorted.</summary>
        public EquatableArray<string> AttributeNames { get; }

        /// <summary>Names of the tree's using aliases (<c>using S = AiLint.LlmSchemaAttribute;</c>: <c>S</c>), sorted.</summary>
        public EquatableArray<string> Aliases { get; }

        // The name lists are functions of the hashed text, so the hash and the path decide equality.
        public bool Equals(TreeFingerprint other) => Low == other.Low && High == other.High && string.Equals(Path, other.Path, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is TreeFingerprint other && Equals(other);

        public override int GetHashCode() => unchecked((int)Low ^ (int)(Low >> 32));
    }
}
