using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// A tool list collected in another object's list property: <c>var state = new RuntimeState();</c> then
        /// <c>state.Tools.Add(t)</c> in a loop or a helper, handed over as <c>tools: state.Tools</c> (review71 §11). Read as
        /// the list the object's own type builds (its initializer, its own Adds) plus this type's writes and Adds, counted
        /// as a local list's are (a conditional Add stays "up to"). Only when every write is visible: the holder is a local,
        /// or a private field of this type, written once with a creation of the object (no initializer that sets the list), the
        /// list is an auto-property of a type of the project, and neither holder nor list is handed to code this index does
        /// not read (<see cref="TypeIndex.AllUsesVisible"/>). Null otherwise: the list is then read as before, from its
        /// own type alone.
        /// </summary>
        private CatalogContent? HeldListContent(IPropertyReferenceOperation reference, IOperation entry)
        {
            if (!(_index.HeldListRead(reference) is { } held) || !IsFollowedHolder(held.Holder)
                || !TypeIndex.IsAutoProperty(held.Property) || !OnlyCreatedWithoutTheList(held))
            {
                return null;
            }

            _index.HeldMutations.TryGetValue(held, out var mutations);
            _index.HeldWrites.TryGetValue(held, out var writes);
            // Both writes and Adds: their order decides what is left (`state.Tools = state.Tools.Take(20).ToList()` after the
            // Adds caps them), which the caps of locals read and a held list does not: not followed.
            if ((mutations == null) == (writes == null) || !_index.AllUsesVisible(held) || !_visiting.Add(held.Property))
            {
                return null;
            }

            try
            {
                // What the object's type puts in the list itself (`Tools { get; } = []`, its constructor's Adds).
                var content = FollowOtherTypesState(held.Property, entry);
                if (content == null)
                {
                    return null;
                }

                foreach (var write in writes ?? new System.Collections.Generic.List<IOperation>())
                {
                    content = content.Or(Collection(write, mutations == null ? entry : write));
                }

                return mutations == null ? content : ApplyMutations(content, mutations, held.Holder);
            }
            finally
            {
                _visiting.Remove(held.Property);
            }
        }

        /// <summary>A local, or a private field of the indexed type (no other type can reach it to add tools).</summary>
        private bool IsFollowedHolder(ISymbol holder) =>
            holder is ILocalSymbol
            || holder is IFieldSymbol { DeclaredAccessibility: Accessibility.Private } field
                && SymbolEqualityComparer.Default.Equals(field.ContainingType?.OriginalDefinition, _index.Type?.OriginalDefinition);

        /// <summary>
        /// The holder is written once, with a creation of the list's type (<c>new RuntimeState()</c>, <c>new()</c>) whose
        /// initializer does not set the list (<c>new RuntimeState { Tools = injected }</c> would start it from elsewhere).
        /// A holder created again (<c>state = new RuntimeState();</c> after some Adds) holds only the Adds made since, which
        /// the Adds of the whole type would over-count.
        /// </summary>
        private bool OnlyCreatedWithoutTheList(HeldList held)
        {
            if (!_index.Writes.TryGetValue(held.Holder, out var holderWrites) || holderWrites.Count != 1)
            {
                return false;
            }

            foreach (var write in holderWrites)
            {
                if (!(TypeIndex.Strip(write) is IObjectCreationOperation creation)
                    || !SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, held.Property.ContainingType.OriginalDefinition))
                {
                    return false;
                }

                if (creation.Initializer == null)
                {
                    continue;
                }

                foreach (var member in creation.Initializer.Initializers)
                {
                    var target = member switch
                    {
                        ISimpleAssignmentOperation assignment => assignment.Target,
                        IMemberInitializerOperation memberInitializer => memberInitializer.InitializedMember,
                        _ => null,
                    };
                    if (target is IPropertyReferenceOperation property && SymbolEqualityComparer.Default.Equals(property.Property.OriginalDefinition, held.Property))
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
