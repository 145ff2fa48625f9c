using System;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>One <c>AssemblyMetadata(Key, Value)</c> of a project summary; equatable so the generator caches it.</summary>
    internal readonly struct SummaryEntry : IEquatable<SummaryEntry>, IComparable<SummaryEntry>
    {
        public SummaryEntry(string key, string value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }

        public string Value { get; }

        public bool Equals(SummaryEntry other) => string.Equals(Key, other.Key, StringComparison.Ordinal) && string.Equals(Value, other.Value, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is SummaryEntry other && Equals(other);

        public override int GetHashCode() => unchecked((StringComparer.Ordinal.GetHashCode(Key ?? string.Empty) * 397) ^ StringComparer.Ordinal.GetHashCode(Value ?? string.Empty));

        public int CompareTo(SummaryEntry other)
        {
            var byKey = string.CompareOrdinal(Key, other.Key);
            return byKey != 0 ? byKey : string.CompareOrdinal(Value, other.Value);
        }
    }
}
