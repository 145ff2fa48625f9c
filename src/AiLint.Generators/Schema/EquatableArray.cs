using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

#if AILINT_GENERATOR
namespace AiLint.Generators.Schema
#else
namespace AiLint.Analyzers.Schema
#endif
{
    /// <summary>
    /// An immutable array with structural equality, so generator models built from it compare by value and the
    /// incremental pipeline can cache them (ImmutableArray compares by reference).
    /// </summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        private readonly T[]? items;

        public EquatableArray(T[] items) => this.items = items;

        public EquatableArray(IEnumerable<T> items) => this.items = items is T[] array ? array : new List<T>(items).ToArray();

        public static EquatableArray<T> Empty => new(Array.Empty<T>());

        public int Count => items?.Length ?? 0;

        public T this[int index] => items![index];

        public bool Equals(EquatableArray<T> other)
        {
            var left = items ?? Array.Empty<T>();
            var right = other.items ?? Array.Empty<T>();
            if (left.Length != right.Length)
            {
                return false;
            }

            for (var i = 0; i < left.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(left[i], right[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            var hash = 17;
            foreach (var item in items ?? Array.Empty<T>())
            {
                hash = unchecked((hash * 31) + (item is null ? 0 : item.GetHashCode()));
            }

            return hash;
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public ImmutableArray<T> AsImmutableArray() => ImmutableArray.Create(items ?? Array.Empty<T>());

        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
    }
}
