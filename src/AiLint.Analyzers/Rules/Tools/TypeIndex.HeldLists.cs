using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// A tool list held in a property of an object this type keeps in a local or field: <c>state.Tools</c> of
    /// <c>var state = new RuntimeState();</c> (the "runtime state" bag of home-grown agent runtimes).
    /// </summary>
    internal sealed class HeldList
    {
        public HeldList(ISymbol holder, IPropertySymbol property)
        {
            Holder = holder;
            Property = property;
        }

        /// <summary>The local or field holding the object.</summary>
        public ISymbol Holder { get; }

        /// <summary>The object's tool-list property (its original definition).</summary>
        public IPropertySymbol Property { get; }

        public override bool Equals(object? obj) =>
            obj is HeldList other && SymbolEqualityComparer.Default.Equals(Holder, other.Holder) && SymbolEqualityComparer.Default.Equals(Property, other.Property);

        public override int GetHashCode() =>
            (SymbolEqualityComparer.Default.GetHashCode(Holder) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(Property);
    }

    internal sealed partial class TypeIndex
    {
        private readonly List<IOperation> _roots = new List<IOperation>();

        private readonly ConcurrentDictionary<HeldList, bool> _visibleHeldLists = new ConcurrentDictionary<HeldList, bool>();

        /// <summary><c>state.Tools.Add(t)</c>, <c>AddRange</c>, <c>Clear</c>... on a held list (see <see cref="HeldList"/>).</summary>
        public Dictionary<HeldList, List<IInvocationOperation>> HeldMutations { get; } = new Dictionary<HeldList, List<IInvocationOperation>>();

        /// <summary><c>state.Tools = list</c>: values assigned to a held list.</summary>
        public Dictionary<HeldList, List<IOperation>> HeldWrites { get; } = new Dictionary<HeldList, List<IOperation>>();

        /// <summary>
        /// A tool-list property read on a local or field (not a parameter: a caller's object can be filled by the caller);
        /// null for anything else. Whether the list can be followed is decided later (<see cref="AllUsesVisible"/>).
        /// </summary>
        private HeldList? HeldListOf(IPropertyReferenceOperation reference) =>
            !reference.Property.IsStatic && Holder(reference.Instance) is { } holder && !(holder is IParameterSymbol)
                && _symbols.IsToolCollection(reference.Property.Type)
                ? new HeldList(holder, reference.Property.OriginalDefinition)
                : null;

        /// <summary>The held list for a read of <c>holder.Property</c>, when it is one.</summary>
        public HeldList? HeldListRead(IPropertyReferenceOperation reference) => HeldListOf(reference);

        /// <summary>
        /// Every use of the holder, and of its list, is one this index has seen and counted: the holder is only written
        /// (created), or has members read or methods called on it (its own code, read from its type), and the list is
        /// only changed through its own methods, assigned, or read where nothing can change it (a count, a <c>foreach</c>,
        /// a spread, an argument of a library method such as LINQ or an agent's constructor). A holder handed on
        /// (<c>Prune(state)</c>, <c>return state</c>) or a list aliased (<c>var list = state.Tools</c>) or given to a
        /// method of the project may be changed where this index does not look. Walks the type's bodies once per list.
        /// </summary>
        public bool AllUsesVisible(HeldList held) => _visibleHeldLists.GetOrAdd(held, key => ScanUses(key));

        private bool ScanUses(HeldList held)
        {
            foreach (var root in _roots)
            {
                foreach (var operation in root.DescendantsAndSelf())
                {
                    var referenced = operation switch
                    {
                        ILocalReferenceOperation local => local.Local,
                        IFieldReferenceOperation field => (ISymbol)field.Field,
                        _ => null,
                    };
                    if (referenced != null && SymbolEqualityComparer.Default.Equals(referenced, held.Holder) && !IsVisibleHolderUse(operation, held))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        private bool IsVisibleHolderUse(IOperation reference, HeldList held)
        {
            switch (reference.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                    return true;
                case IInvocationOperation invocation when invocation.Instance == reference:
                    // Its own code, read from its type; unless it returns a tool collection (`state.GetTools()`), which may be the list.
                    return !_symbols.IsToolCollection(invocation.Type);
                case IPropertyReferenceOperation property when property.Instance == reference:
                    return SymbolEqualityComparer.Default.Equals(property.Property.OriginalDefinition, held.Property)
                        ? IsVisibleListUse(property)
                        : !_symbols.IsToolCollection(property.Type); // another view of the tools (`state.All`) may alias the list
                case IFieldReferenceOperation field when field.Instance == reference:
                    return !_symbols.IsToolCollection(field.Type);
                default:
                    return false;
            }
        }

        private static bool IsVisibleListUse(IOperation list)
        {
            var child = list;
            var user = list.Parent;
            while (user is IConversionOperation)
            {
                child = user;
                user = user.Parent;
            }

            if (list.Syntax.Parent is SpreadElementSyntax)
            {
                return true;
            }

            switch (user)
            {
                case IPropertyReferenceOperation { Property.Name: "Count" } count when count.Instance == child:
                case IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Count" or "LongCount" } }:
                    // A count test may be a cap (`if (state.Tools.Count > 20) throw ...;`), which AiLint reads on locals and
                    // fields only: a list whose count is read is not followed, rather than reported past its cap.
                    return false;
                case IInvocationOperation invocation when invocation.Instance == child:
                case IPropertyReferenceOperation property when property.Instance == child:
                case ISimpleAssignmentOperation assignment when assignment.Target == child:
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == child:
                case IForEachLoopOperation loop when loop.Collection == child:
                    return true;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } assignment when assignment.Value == child:
                    // `Tools = state.Tools`: handed to a request's options (a sink), not to code that can change it.
                    return !target.Property.Locations.IsEmpty && !target.Property.Locations[0].IsInSource;
                case IArgumentOperation { Parent: var call }:
                    // LINQ, an agent's constructor, a list's copy constructor: library code. A method of the project may add or remove.
                    var method = (call as IInvocationOperation)?.TargetMethod ?? (call as IObjectCreationOperation)?.Constructor;
                    return method != null && !method.Locations.IsEmpty && !method.Locations[0].IsInSource;
                default:
                    return false;
            }
        }
    }
}
