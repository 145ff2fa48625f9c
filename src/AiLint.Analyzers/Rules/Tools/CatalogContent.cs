using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>A source that can put any number of tools into a catalog, and where it enters the catalog.</summary>
    internal sealed class UnboundedSource
    {
        public UnboundedSource(string description, IOperation entry, bool fixable, string? growsWith = null)
        {
            Description = description;
            Entry = entry;
            Fixable = fixable;
            GrowsWith = growsWith;
        }

        /// <summary>Shown in AIL0202's message, e.g. <c>'mcp.ListToolsAsync()' (an MCP server's whole tool list)</c>.</summary>
        public string Description { get; }

        /// <summary>The expression through which the source enters the catalog; AIL0202 is reported on it.</summary>
        public IOperation Entry { get; }

        /// <summary>Whether appending <c>.Take(cap)</c> to <see cref="Entry"/> bounds it (not for hosted MCP tools or loops).</summary>
        public bool Fixable { get; }

        /// <summary>
        /// For a source fixed at compile time but grown by every edit of one type (reflection over a class the project
        /// declares), what grows it: <c>every public method added to 'MyTools'</c>. AIL0202 then says so instead of "any
        /// number of tools". Null for a source whose size is decided outside the code (a server, the container).
        /// </summary>
        public string? GrowsWith { get; }

        public UnboundedSource WithEntry(IOperation entry) => new UnboundedSource(Description, entry, Fixable, GrowsWith);

        /// <summary>The same source entering the catalog elsewhere, through a member or helper the description names.</summary>
        public UnboundedSource Through(string suffix, IOperation entry, bool fixable) => new UnboundedSource(Description + suffix, entry, fixable, GrowsWith);
    }

    /// <summary>What is known at compile time about the tools a catalog (or part of one) holds.</summary>
    internal sealed class CatalogContent
    {
        public static readonly CatalogContent Empty = new CatalogContent(0, true, 0, false, ImmutableArray<UnboundedSource>.Empty);

        /// <summary>Nothing is known: no lower bound, no unbounded source found.</summary>
        public static readonly CatalogContent Unknown = new CatalogContent(0, false, 0, false, ImmutableArray<UnboundedSource>.Empty);

        /// <summary>What a per-turn selection step of the project returns: nothing known but that someone chose it.</summary>
        public static readonly CatalogContent Selected = new CatalogContent(0, false, 0, false, ImmutableArray<UnboundedSource>.Empty, chosen: true);

        public CatalogContent(int min, bool exact, int strict, bool fromMcp, ImmutableArray<UnboundedSource> unbounded, bool conditional = false, bool chosen = false)
        {
            Chosen = chosen;
            Min = min;
            Exact = exact;
            Strict = strict;
            FromMcp = fromMcp;
            Unbounded = unbounded;
            Conditional = conditional;
        }

        /// <summary>A lower bound on the number of tools.</summary>
        public int Min { get; }

        /// <summary>Whether <see cref="Min"/> is the exact count.</summary>
        public bool Exact { get; }

        /// <summary>Anthropic tools known to be declared with <c>Strict = true</c>.</summary>
        public int Strict { get; }

        /// <summary>Some tools come from an MCP server (even when capped): a loop over servers multiplies them.</summary>
        public bool FromMcp { get; }

        public ImmutableArray<UnboundedSource> Unbounded { get; }

        /// <summary>
        /// Some counted tools are added under a condition (a feature flag, a role check): <see cref="Min"/> is then the
        /// count when every such <c>Add</c> runs, so messages say "up to".
        /// </summary>
        public bool Conditional { get; }

        /// <summary>
        /// Every tool passed a cap (<c>Take(n)</c>, a count check), an allow-list or a selection step of the project, so
        /// the catalog cannot grow with a server even though its count is not known. Read where an implementation of an
        /// injected registry is judged (<see cref="Bounded"/>): inline code with no unbounded source is quiet either way.
        /// </summary>
        public bool Chosen { get; }

        /// <summary>No unbounded source, and a count known exactly or every tool chosen: what the catalog holds is decided in code or configuration.</summary>
        public bool Bounded => Unbounded.IsEmpty && (Exact || Chosen);

        /// <summary>Exactly counted or chosen: the part of <see cref="Bounded"/> that survives combining with other parts.</summary>
        private bool Settled => Exact || Chosen;

        public CatalogContent AsConditional() => Min == 0 || Conditional ? this : new CatalogContent(Min, Exact, Strict, FromMcp, Unbounded, conditional: true, chosen: Chosen);

        public static CatalogContent One(int strict = 0) => new CatalogContent(1, true, strict, false, ImmutableArray<UnboundedSource>.Empty);

        public static CatalogContent Exactly(int count) => new CatalogContent(count, true, 0, false, ImmutableArray<UnboundedSource>.Empty);

        public static CatalogContent From(UnboundedSource source, bool fromMcp, int min = 0) =>
            new CatalogContent(min, false, 0, fromMcp, ImmutableArray.Create(source));

        /// <summary>Both parts are in the catalog (spreads, Concat, successive Adds).</summary>
        public CatalogContent Plus(CatalogContent other) =>
            new CatalogContent(Min + other.Min, Exact && other.Exact, Strict + other.Strict, FromMcp || other.FromMcp, Unbounded.AddRange(other.Unbounded), Conditional || other.Conditional, Settled && other.Settled);

        /// <summary>Either part may be the catalog (two assignments, a conditional).</summary>
        public CatalogContent Or(CatalogContent other) =>
            new CatalogContent(
                Math.Min(Min, other.Min),
                Exact && other.Exact && Min == other.Min,
                Math.Min(Strict, other.Strict),
                FromMcp || other.FromMcp,
                Unbounded.AddRange(other.Unbounded),
                Conditional || other.Conditional,
                Settled && other.Settled);

        /// <summary>Some of the tools may be dropped (Where, OfType, Distinct, a loop that may not run).</summary>
        public CatalogContent MaybeFewer() => new CatalogContent(0, false, 0, FromMcp, Unbounded, chosen: Settled);

        /// <summary>At most <paramref name="max"/> tools survive; the unbounded sources are capped when <paramref name="capped"/>.</summary>
        public CatalogContent AtMost(int max, bool capped) =>
            new CatalogContent(Math.Min(Min, max), Exact && Min <= max, Math.Min(Strict, max), FromMcp, capped ? ImmutableArray<UnboundedSource>.Empty : Unbounded, Conditional && Min <= max, capped || Settled);

        /// <summary>The same count with exactly these unbounded sources.</summary>
        public CatalogContent WithUnboundedSources(ImmutableArray<UnboundedSource> sources) => new CatalogContent(Min, Exact, Strict, FromMcp, sources, Conditional, Chosen);

        /// <summary>
        /// Only tools someone named are left (an allow-list, or a selection method of the project): bounded, and no longer
        /// a server's list, so a loop over servers does not multiply them (unlike a per-server <c>Take(n)</c>).
        /// </summary>
        public CatalogContent ChosenByName() => new CatalogContent(Min, Exact, Strict, false, ImmutableArray<UnboundedSource>.Empty, Conditional, chosen: true);

        /// <summary>Bounded by something the code decided (an allow-list guard, a chosen count, a configured maximum): chosen.</summary>
        public CatalogContent WithoutUnbounded() => new CatalogContent(Min, Exact, Strict, FromMcp, ImmutableArray<UnboundedSource>.Empty, Conditional, chosen: true);

        public CatalogContent WithUnbounded(UnboundedSource source) => new CatalogContent(Min, Exact, Strict, FromMcp, Unbounded.Add(source), Conditional, Chosen);

        public CatalogContent WithEntry(IOperation entry) =>
            Unbounded.IsEmpty ? this : new CatalogContent(Min, Exact, Strict, FromMcp, ImmutableArray.CreateRange(Unbounded, u => u.WithEntry(entry)), Conditional, Chosen);
    }
}
