using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Everything one type does to tool catalogs: writes and mutations of its locals and fields, and its sinks.
    /// Built once per type at symbol end, so a catalog is followed through the locals and fields of its type.
    /// </summary>
    internal sealed partial class TypeIndex
    {
        private static readonly HashSet<string> MutationNames = new HashSet<string>
        {
            "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "Clear",
        };

        private static readonly HashSet<string> SemanticKernelRegistrations = new HashSet<string>(KernelPlugins.FunctionListRegistrations);

        // Function lists and classes: a type naming none of these registers no Semantic Kernel plugin we can count.
        private static readonly HashSet<string> SemanticKernelPluginNames = new HashSet<string>(KernelPlugins.FunctionListRegistrations.Concat(KernelPlugins.ClassRegistrations));

        private readonly KnownToolSymbols _symbols;
        private readonly Dictionary<object, CatalogSink> _propertySinks = new Dictionary<object, CatalogSink>(KeyComparer.Instance);

        public TypeIndex(KnownToolSymbols symbols)
        {
            _symbols = symbols;
        }

        /// <summary>The compilation's SDK symbols this index was built with.</summary>
        public KnownToolSymbols Symbols => _symbols;

        /// <summary>The type whose members were indexed, when known.</summary>
        public INamedTypeSymbol? Type { get; set; }

        public Dictionary<ISymbol, List<IOperation>> Writes { get; } = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        public Dictionary<ISymbol, List<IInvocationOperation>> Mutations { get; } = new Dictionary<ISymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Parameters the method changes before it may use them (assigned, <c>??=</c>, passed by <c>ref</c>/<c>out</c>,
        /// shrunk with <c>Remove</c>/<c>Clear</c>, handed to a void method): such a parameter no longer holds
        /// what the caller passed, so a caller's argument is not followed through it (<c>if (tools.Count &gt; 20) tools =
        /// tools.Take(20).ToList();</c>).
        /// </summary>
        public HashSet<ISymbol> ChangedParameters { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Locals and fields whose <c>AllowedTools</c> (hosted MCP tool) is assigned something other than null somewhere
        /// (<c>tool.AllowedTools = [...]</c>, <c>??= new()</c>). A read is not a write: the property is null by default, so
        /// an alias of it or a <c>?.Add</c> on it restricts nothing.
        /// </summary>
        public HashSet<ISymbol> AllowedToolsSet { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        public List<CatalogSink> Sinks { get; } = new List<CatalogSink>();

        /// <summary>
        /// Values written to the tool choice of an options object held in a local or field (<c>options.ToolMode = ...</c>,
        /// <c>options.ToolChoice = ...</c>) after its creation; see <see cref="RequestToolChoice"/>.
        /// </summary>
        public Dictionary<ISymbol, List<IOperation>> ChoiceWrites { get; } = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);

        /// <summary>The Semantic Kernel plugin registrations of the type, one entry per kernel (or builder) they go to.</summary>
        public List<KernelCatalog> Kernels { get; } = new List<KernelCatalog>();

        private readonly Dictionary<object, KernelCatalog> _kernels = new Dictionary<object, KernelCatalog>(KeyComparer.Instance);

        public void Add(IOperation root)
        {
            // Dispatched on the operation's kind, then cast: a chain of type patterns tested each operation against up to
            // twelve interfaces, and this walk visits every operation of every indexed type (docs/performance.md, "session 34").
            _roots.Add(root);
            foreach (var operation in root.DescendantsAndSelf())
            {
                switch (operation.Kind)
                {
                    case OperationKind.VariableDeclarator:
                        if (((IVariableDeclaratorOperation)operation) is { Initializer: { } initializer } declarator)
                        {
                            AddWrite(declarator.Symbol, initializer.Value);
                        }

                        break;
                    case OperationKind.FieldInitializer:
                        var fieldInitializer = (IFieldInitializerOperation)operation;
                        foreach (var field in fieldInitializer.InitializedFields)
                        {
                            AddWrite(field, fieldInitializer.Value);
                        }

                        break;
                    case OperationKind.PropertyInitializer:
                        var propertyInitializer = (IPropertyInitializerOperation)operation;
                        foreach (var property in propertyInitializer.InitializedProperties)
                        {
                            AddWrite(property, propertyInitializer.Value);
                        }

                        break;
                    case OperationKind.SimpleAssignment:
                        var assignment = (ISimpleAssignmentOperation)operation;
                        VisitAssignment(assignment.Target, assignment.Value);
                        break;
                    case OperationKind.CoalesceAssignment:
                        var coalesce = (ICoalesceAssignmentOperation)operation;
                        VisitAssignment(coalesce.Target, coalesce.Value);
                        break;
                    case OperationKind.IsPattern:
                        switch ((IIsPatternOperation)operation)
                        {
                            case { Pattern: IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared } } isPattern:
                                // `if (_tools is var cached)`, `_tools is List<AITool> cached`: the local holds what was tested.
                                AddWrite(declared, isPattern.Value);
                                break;
                            case { Pattern: IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol declared } } isPattern:
                                // `if (_tools is { } cached) return cached;`, the cache check of a tool source.
                                AddWrite(declared, isPattern.Value);
                                break;
                        }

                        break;
                    case OperationKind.CompoundAssignment:
                        if (Strip(((ICompoundAssignmentOperation)operation).Target) is IParameterReferenceOperation compounded)
                        {
                            ChangedParameters.Add(compounded.Parameter.OriginalDefinition);
                        }

                        break;
                    case OperationKind.Argument:
                        if (((IArgumentOperation)operation) is { Parameter.RefKind: RefKind.Ref or RefKind.Out } byReference
                            && Strip(byReference.Value) is IParameterReferenceOperation passed)
                        {
                            ChangedParameters.Add(passed.Parameter.OriginalDefinition);
                        }
                        else
                        {
                            NoteFillingHelperArgument((IArgumentOperation)operation);
                            NoteKernelHelperArgument((IArgumentOperation)operation);
                        }

                        break;
                    case OperationKind.MemberInitializer:
                        var memberInitializer = (IMemberInitializerOperation)operation;
                        if (memberInitializer.InitializedMember is IPropertyReferenceOperation initialized && _symbols.IsSinkProperty(initialized.Property))
                        {
                            GetSink(initialized).Initializers.Add(memberInitializer);
                        }

                        break;
                    case OperationKind.Invocation:
                        VisitInvocation((IInvocationOperation)operation);
                        break;
                    case OperationKind.ObjectCreation:
                        if (((IObjectCreationOperation)operation) is { Constructor: { } constructor } creation
                            && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _symbols.ChatClientAgent))
                        {
                            // new ChatClientAgent(chatClient, instructions, name, description, tools): the agent advertises them all.
                            AddArgumentSink(creation.Arguments, "tools", string.Empty);
                        }

                        break;
                }
            }
        }

        /// <summary>The local, field or parameter an expression reads, looking through conversions.</summary>
        public static ISymbol? Holder(IOperation? operation)
        {
            switch (Strip(operation))
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IFieldReferenceOperation field:
                    return field.Field;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                default:
                    return null;
            }
        }

        public static IOperation? Strip(IOperation? operation)
        {
            while (operation is IConversionOperation conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The receiver of an instance call, or the <c>this</c> argument of an extension call.</summary>
        public static IOperation? Receiver(IInvocationOperation invocation) =>
            invocation.Instance ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);

        private void AddWrite(ISymbol symbol, IOperation value) => Add(Writes, symbol, value);

        private static void Add<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T value)
        {
            if (!map.TryGetValue(key, out var list))
            {
                list = new List<T>();
                map.Add(key, list);
            }

            list.Add(value);
        }

        private sealed class KeyComparer : IEqualityComparer<object>
        {
            public static readonly KeyComparer Instance = new KeyComparer();

            public new bool Equals(object? x, object? y) =>
                x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b)
                : x is KernelPlugins.AddKernelChain chain ? chain.Equals(y) : ReferenceEquals(x, y);

            public int GetHashCode(object obj) =>
                obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol)
                : obj is KernelPlugins.AddKernelChain chain ? chain.GetHashCode() : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj);
        }
    }
}
