using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Works out what a catalog holds: a known count, and the unbounded sources that feed it, each with the expression
    /// through which it enters the catalog (where AIL0202 goes and where the fix appends <c>.Take(cap)</c>).
    /// </summary>
    internal sealed partial class CatalogEvaluator
    {
        private readonly KnownToolSymbols _symbols;
        private readonly TypeIndex _index;
        private readonly AllowListRecognizer _allowList;
        private readonly int _cap;
        private readonly HashSet<ISymbol> _visiting = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

        private readonly ProjectCatalogs? _project;
        private readonly int _depth;

        /// <summary>What a parameter holds when the caller is known (a conversion helper's input, a caller's argument).</summary>
        private readonly IReadOnlyDictionary<IParameterSymbol, CatalogContent>? _bindings;

        public CatalogEvaluator(KnownToolSymbols symbols, TypeIndex index, int cap, ProjectCatalogs? project = null, int depth = 0,
            IReadOnlyDictionary<IParameterSymbol, CatalogContent>? bindings = null)
        {
            _symbols = symbols;
            _index = index;
            _allowList = new AllowListRecognizer(index, symbols);
            _cap = cap;
            _project = project;
            _depth = depth;
            _bindings = bindings;
        }

        /// <summary>The project's catalogs, when the evaluator was given them (prompt-directory functions are read there).</summary>
        public ProjectCatalogs? Project => _project;

        /// <summary>
        /// Plain method parameters the catalog was read from (<c>AskAsync(string q, IList&lt;AITool&gt; tools)</c>): the
        /// callers decide what they hold, so the analyzer evaluates the catalog again once per caller's argument.
        /// </summary>
        public HashSet<IParameterSymbol> Forwarded { get; } = new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default);

        public CatalogContent EvaluateSink(CatalogSink sink)
        {
            CatalogContent? assigned = null;
            foreach (var value in sink.Values)
            {
                var content = Collection(value, value);
                assigned = assigned == null ? content : assigned.Or(content);
            }

            var result = assigned ?? CatalogContent.Empty;
            foreach (var initializer in sink.Initializers)
            {
                result = result.Plus(InitializerElements(initializer.Initializer));
            }

            return ApplyMutations(result, WithFillingCalls(sink.Mutations, sink.FillingCalls)!, sink.Holder);
        }

        /// <summary>A tool collection. <paramref name="entry"/> is the innermost expression through which it enters the catalog.</summary>
        public CatalogContent Collection(IOperation? operation, IOperation entry)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            operation = TypeIndex.Strip(operation);
            if (operation == null)
            {
                return CatalogContent.Unknown;
            }

            if (operation.Syntax is CollectionExpressionSyntax collection)
            {
                return CollectionExpression(operation, collection);
            }

            // A local, field or parameter read after a count check that throws or returns (`if (tools.Count > 20) throw`)
            // holds at most the checked count.
            var content = HolderContent(operation, entry);
            if (content != null)
            {
                return WithCountGuard(operation, TypeIndex.Holder(operation)!, content);
            }

            // Waiting for the list in any of the usual ways (`.ConfigureAwait(false)`, `.GetAwaiter().GetResult()`,
            // `.Result`, `.AsTask()`) gives the same tools.
            if (AwaitedTask(operation) is { } task)
            {
                return Collection(task, entry);
            }

            switch (operation)
            {
                case IAwaitOperation await:
                    return Collection(await.Operation, entry);
                case IArrayCreationOperation array:
                    return array.Initializer != null
                        ? Elements(array.Initializer.ElementValues)
                        : array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue.Value is 0 ? CatalogContent.Empty : CatalogContent.Unknown;
                case IObjectCreationOperation creation:
                    return Creation(creation);
                case IInvocationOperation invocation:
                    return Invocation(invocation, entry);
                case IConditionalOperation conditional when conditional.WhenFalse != null:
                    return CountGuarded(conditional, entry)
                        ?? Collection(conditional.WhenTrue, entry).Or(Collection(conditional.WhenFalse, entry));
                case ICoalesceOperation coalesce:
                    return Collection(coalesce.Value, entry).Or(Collection(coalesce.WhenNull, entry));
                case ICoalesceAssignmentOperation cache when TypeIndex.Holder(cache.Target) != null:
                    // `_tools ??= Load()`: the field (or local) after the assignment; its writes include this value.
                    return Collection(cache.Target, entry);
                case ISimpleAssignmentOperation assignment when TypeIndex.Holder(assignment.Target) != null:
                    // `return _tools = Load();`: the value assigned.
                    return Collection(assignment.Value, entry);
                case IPropertyReferenceOperation pairValue when DictionaryLoopPairValue(pairValue, entry) is { } pairLists:
                    // `kv.Value` of `foreach (var kv in toolsByServer)` (CatalogEvaluator.DictionaryLoops).
                    return pairLists;
                case IPropertyReferenceOperation property when IsRegistry(property.Instance) && _symbols.IsToolCollection(property.Type):
                    return (property.Property.GetMethod is { } getter ? FollowImplementations(getter, entry, property.Syntax) : null)
                        ?? CatalogContent.From(new UnboundedSource($"the injected tool registry '{Describe(property.Syntax)}'", entry, fixable: true), fromMcp: false);
                case IPropertyReferenceOperation page when PagedServerTools(page, entry) is { } paged:
                    // `result.Tools` of `await client.ListToolsAsync(new ListToolsRequestParams { Cursor = cursor })` (CatalogEvaluator.PagedLists).
                    return paged;
                case IPropertyReferenceOperation property:
                    return FollowProperty(property, entry);
                default:
                    return CatalogContent.Unknown;
            }
        }

        /// <summary>
        /// The task whose result <paramref name="operation"/> is or waits for, or the list a completed task is made from;
        /// null for anything else.
        /// </summary>
        private static IOperation? AwaitedTask(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: { } task } when IsTask(task.Type):
                    return task;
                case IInvocationOperation { TargetMethod.Name: "GetResult", Arguments.Length: 0, Instance: IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } task } }
                        when IsTask(task.Type) || task is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" }:
                    return task;
                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task } when IsTask(task.Type):
                    return task;

                // A task made from the list itself (a synchronous implementation of an async interface): the list.
                case IInvocationOperation { TargetMethod.Name: "FromResult", Arguments.Length: 1 } fromResult when IsTask(fromResult.Type):
                    return fromResult.Arguments[0].Value;
                case IObjectCreationOperation { Arguments.Length: 1 } created when IsTask(created.Type) && created.Type?.Name == "ValueTask"
                        && created.Arguments[0].Value.Type is { } argumentType && !IsTask(argumentType) && argumentType.Name != "IValueTaskSource":
                    return created.Arguments[0].Value;
                default:
                    return null;
            }
        }

        private static bool IsTask(ITypeSymbol? type) =>
            type is INamedTypeSymbol { Name: "Task" or "ValueTask", IsGenericType: true } named
            && named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

        /// <summary>What a local, field or parameter read holds; null for any other expression.</summary>
        private CatalogContent? HolderContent(IOperation operation, IOperation entry)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    // `cp` of `foreach (var cp in providers.Select(p => p.GetTools()).ToList())` (CatalogEvaluator.GatheredLists).
                    // `list` of `foreach (var list in toolsByServer.Values)` (CatalogEvaluator.DictionaryLoops).
                    return GatheredListElement(local, entry) ?? DictionaryLoopList(local.Local, entry) ?? Symbol(local.Local, entry);
                case IFieldReferenceOperation field:
                    return GatheredListElement(field, entry)
                        ?? FollowOtherTypesState(field.Field, entry) ?? ReferencedCatalog(field.Field, field) ?? Symbol(field.Field, entry);
                case IParameterReferenceOperation parameter when _index.ChangedParameters.Contains(parameter.Parameter.OriginalDefinition):
                    // Reassigned or shrunk before use: no longer what the caller passed (nor what an injection gave).
                    return CatalogContent.Unknown;
                case IParameterReferenceOperation parameter when _bindings != null && _bindings.TryGetValue(parameter.Parameter.OriginalDefinition, out var bound):
                    return bound;
                case IParameterReferenceOperation parameter when FromCreationsInView(parameter, entry) is { } created:
                    // A constructor input every creation in view fills from an unbounded source (CatalogEvaluator.CreationsInView).
                    return created;
                case IParameterReferenceOperation parameter when IsForwardable(parameter):
                    Forwarded.Add(parameter.Parameter.OriginalDefinition);
                    return CatalogContent.Unknown;
                case IParameterReferenceOperation parameter:
                    // In a type reached through another member (a registry class), only IEnumerable<T> counts: the one
                    // collection a container fills by itself with every registration. A registry taking IList<AITool>
                    // or an array is as likely built with `new ToolBox([a, b])` by its caller.
                    return IsInjected(parameter) && _symbols.IsToolCollection(parameter.Type)
                        && (_depth == 0 || SymbolEqualityComparer.Default.Equals(parameter.Parameter.Type.OriginalDefinition, _symbols.IEnumerableOfT))
                        ? FromConstructorCallers(parameter.Parameter)
                            ?? CatalogContent.From(new UnboundedSource(InjectedCollectionDescription(parameter.Parameter), entry, fixable: true), fromMcp: false)
                        : CatalogContent.Unknown;
                default:
                    return null;
            }
        }

        private CatalogContent Invocation(IInvocationOperation invocation, IOperation entry)
        {
            // `operation(client, ct)` in a delegate helper being followed (CatalogEvaluator.DelegateHelpers).
            if (BoundDelegateResult(invocation) is { } bound)
            {
                return bound;
            }

            var method = invocation.TargetMethod;
            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.AnthropicBetaMcp))
            {
                // Anthropic.Mcp: BetaMcp.Tools(mcpTools) converts the tools it is given; BetaMcp.ListToolsAsync(client)
                // lists the whole server, like McpClient.ListToolsAsync. With `deferLoading: true` every tool they make
                // is deferred (Anthropic's tool search, the fix AIL0202 recommends): none is loaded up front.
                if ((method.Name == "Tools" || method.Name == "ListToolsAsync") && BetaMcpLoading(invocation) == McpToolLoading.Deferred)
                {
                    return CatalogContent.Empty;
                }

                if (method.Name == "Tools" && invocation.Arguments.Length > 0)
                {
                    return Collection(invocation.Arguments[0].Value, entry);
                }

                if (method.Name == "ListToolsAsync")
                {
                    return CatalogContent.From(new UnboundedSource($"'{Describe(invocation.Syntax)}' (an MCP server's whole tool list)", entry, fixable: true), fromMcp: true);
                }
            }

            // mcp.EnumerateToolsAsync() and what keeps a stream's tools (CatalogEvaluator.Streams).
            if (StreamedTools(invocation, entry) is { } streamed)
            {
                return streamed;
            }

            if (_symbols.IsMcpListTools(method))
            {
                return ServerToolList(invocation, entry, "an MCP server's whole tool list");
            }

            if (method.Name == "GetMethods" && IsSystemType(method.ContainingType))
            {
                // Over a type the project declares, the message says what grows it (CatalogEvaluator.ReflectedTypes).
                return CatalogContent.From(
                    new UnboundedSource($"reflection over a type's methods ('{Describe(invocation.Syntax)}')", entry, fixable: true, ReflectedProjectTypeGrowth(invocation)),
                    fromMcp: false);
            }

            if (SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Enumerable) && invocation.Arguments.Length > 0)
            {
                return Linq(invocation, entry);
            }

            // Enum.GetValues<ToolKind>() projected to tools: one per member, a number fixed at compile time.
            if (EnumMemberCount(invocation) is int members)
            {
                return new CatalogContent(members, true, 0, false, CatalogContent.Empty.Unbounded);
            }

            if (IsRegistry(invocation.Instance) && _symbols.IsToolCollection(UnwrapTask(invocation.Type)) && HasNoInput(invocation))
            {
                return FollowImplementations(method, entry, invocation.Syntax)
                    ?? CatalogContent.From(new UnboundedSource($"the injected tool registry '{Describe(invocation.Syntax)}'", entry, fixable: true), fromMcp: false);
            }

            // sp.GetServices<AITool>(): the container's whole set (CatalogEvaluator.ResolvedToolCollections).
            if (ResolvedToolCollection(invocation, entry) is { } resolved)
            {
                return resolved;
            }

            // List<T>.ToArray(), AsReadOnly(): the same tools.
            if ((method.Name == "ToArray" || method.Name == "AsReadOnly") && invocation.Instance != null && invocation.Arguments.Length == 0)
            {
                return Collection(invocation.Instance, entry);
            }

            // registry.GetAllTools() on a concrete registry class grown by its callers (CatalogEvaluator.ConcreteRegistries).
            if (ConcreteRegistryFilledByCallers(invocation, entry) is { } registered)
            {
                return registered;
            }

            // A builder of your own that takes no input (BuildTools(), LoadToolsAsync(mcp, ct)) is followed, and so is a
            // conversion helper that keeps every tool it is given (tools.ToOpenAITools()); any other method of your own
            // is opaque: a per-turn selection step. See the docs' known limitations. A helper that runs a lambda and
            // returns its result (a retry wrapper) is read with the lambda's result in place of the delegate's.
            // A filling helper that returns the list it was handed is read before the conversion helpers, which would
            // keep only what it was given (CatalogEvaluator.ReturnedFilledLists).
            return FollowBuilderMethod(invocation, entry) ?? FollowInterfaceLister(invocation, entry)
                ?? FollowReturnedFilledList(invocation, entry) ?? FollowConversionHelper(invocation, entry)
                ?? FollowDelegateHelper(invocation, entry) ?? (IsSelectionStep(invocation) ? CatalogContent.Selected : CatalogContent.Unknown);
        }
    }
}
