using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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

            return ApplyMutations(result, sink.Mutations, sink.Holder);
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
                case IPropertyReferenceOperation property when IsRegistry(property.Instance) && _symbols.IsToolCollection(property.Type):
                    return (property.Property.GetMethod is { } getter ? FollowImplementations(getter, entry, property.Syntax) : null)
                        ?? CatalogContent.From(new UnboundedSource($"the injected tool registry '{Describe(property.Syntax)}'", entry, fixable: true), fromMcp: false);
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
                    return GatheredListElement(local, entry) ?? Symbol(local.Local, entry);
                case IFieldReferenceOperation field:
                    return GatheredListElement(field, entry)
                        ?? FollowOtherTypesState(field.Field, entry) ?? ReferencedCatalog(field.Field, field) ?? Symbol(field.Field, entry);
                case IParameterReferenceOperation parameter when _index.ChangedParameters.Contains(parameter.Parameter.OriginalDefinition):
                    // Reassigned or shrunk before use: no longer what the caller passed (nor what an injection gave).
                    return CatalogContent.Unknown;
                case IParameterReferenceOperation parameter when _bindings != null && _bindings.TryGetValue(parameter.Parameter.OriginalDefinition, out var bound):
                    return bound;
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
                            ?? CatalogContent.From(new UnboundedSource($"the injected tool collection '{parameter.Parameter.Name}'", entry, fixable: true), fromMcp: false)
                        : CatalogContent.Unknown;
                default:
                    return null;
            }
        }

        /// <summary>One tool (an element, an <c>Add</c> argument).</summary>
        public CatalogContent Element(IOperation? operation, IOperation entry)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // nesting depth is the user's: AD0001, not a stack overflow
            operation = TypeIndex.Strip(operation);
            switch (operation)
            {
                case IObjectCreationOperation creation when SymbolEqualityComparer.Default.Equals(creation.Type, _symbols.HostedMcpServerTool):
                    return InitializerAssigns(creation.Initializer, "AllowedTools") || HolderSetsAllowedTools(creation)
                        ? new CatalogContent(1, true, 0, true, CatalogContent.Empty.Unbounded)
                        : CatalogContent.From(new UnboundedSource("a hosted MCP server tool with no AllowedTools", entry, fixable: false), fromMcp: true, min: 1);
                case IInvocationOperation invocation when invocation.TargetMethod.Name == "CreateMcpTool"
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, _symbols.ResponseTool):
                    return HasFilter(invocation) || HolderSetsAllowedTools(invocation)
                        ? new CatalogContent(1, true, 0, true, CatalogContent.Empty.Unbounded)
                        : CatalogContent.From(new UnboundedSource("an MCP tool (ResponseTool.CreateMcpTool) with no allowedTools filter", entry, fixable: false), fromMcp: true, min: 1);
                case IObjectCreationOperation creation when IsAnthropicTool(creation.Type):
                    // DeferLoading = true: Anthropic's tool search loads the tool only when a search finds it, so the
                    // model does not see it up front (the fix this rule recommends for large catalogs).
                    // A flag computed at run time (`DeferLoading = !alwaysLoaded.Contains(name)`, "defer by default") may
                    // defer the tool: it counts towards no sure total ("at least"), since the catalog is built for the search.
                    return SetsTrue(creation, "DeferLoading") ? CatalogContent.Empty
                        : SetsNonConstant(creation, "DeferLoading") ? CatalogContent.One().MaybeFewer()
                        : CatalogContent.One(SetsTrue(creation, "Strict") ? 1 : 0);
                case IInvocationOperation invocation when IsBetaMcp(invocation.TargetMethod, "Tool"):
                    return BetaMcpTool(invocation);
                case ILocalReferenceOperation local when !_visiting.Contains(local.Local)
                        && _index.Writes.TryGetValue(local.Local, out var writes) && writes.Count == 1:
                    _visiting.Add(local.Local);
                    var content = Element(writes[0], entry);
                    _visiting.Remove(local.Local);
                    return content;
                default:
                    return CatalogContent.One();
            }
        }

        private CatalogContent CollectionExpression(IOperation operation, CollectionExpressionSyntax collection)
        {
            var model = operation.SemanticModel;
            var result = CatalogContent.Empty;
            foreach (var element in collection.Elements)
            {
                switch (element)
                {
                    case SpreadElementSyntax spread when SpreadOperand(model, spread) is { } spreadOperation:
                        result = result.Plus(Collection(spreadOperation, spreadOperation));
                        break;
                    case ExpressionElementSyntax expression when model?.GetOperation(expression.Expression) is { } elementOperation:
                        result = result.Plus(Element(elementOperation, elementOperation));
                        break;
                    default:
                        result = result.Plus(CatalogContent.Unknown);
                        break;
                }
            }

            return result;
        }

        /// <summary>
        /// The operation a spread copies. The null-forgiving operator and parentheses have no operation of their own
        /// (<c>[.. tools!]</c>: the operation is bound to <c>tools</c>), so the syntax is unwrapped first.
        /// </summary>
        internal static IOperation? SpreadOperand(SemanticModel? model, SpreadElementSyntax spread)
        {
            var expression = spread.Expression;
            while (true)
            {
                switch (expression)
                {
                    case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                        expression = suppressed.Operand;
                        continue;
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                }

                return model?.GetOperation(expression);
            }
        }

        private CatalogContent Elements(IEnumerable<IOperation> elements)
        {
            var result = CatalogContent.Empty;
            foreach (var element in elements)
            {
                result = result.Plus(Element(element, element));
            }

            return result;
        }

        private CatalogContent Creation(IObjectCreationOperation creation)
        {
            if (_symbols.GetElementType(creation.Type) == null)
            {
                return CatalogContent.Unknown;
            }

            // new List<AITool>(source) copies the source; new List<AITool>(capacity) and comparers add nothing.
            var result = CatalogContent.Empty;
            foreach (var argument in creation.Arguments)
            {
                if (_symbols.GetElementType(argument.Value.Type) != null)
                {
                    result = result.Plus(Collection(argument.Value, argument.Value));
                }
            }

            // new HashSet<AITool>(merged, byName): the set drops duplicates, so it may hold fewer than it was given.
            if (_symbols.IsSet(creation.Type))
            {
                result = result.MaybeFewer();
            }

            return creation.Initializer == null ? result : result.Plus(InitializerElements(creation.Initializer));
        }

        private CatalogContent InitializerElements(IObjectOrCollectionInitializerOperation initializer)
        {
            var result = CatalogContent.Empty;
            foreach (var element in initializer.Initializers)
            {
                result = result.Plus(element is IInvocationOperation { Arguments.Length: 1 } add
                    ? Element(add.Arguments[0].Value, add.Arguments[0].Value)
                    : CatalogContent.Unknown);
            }

            return result;
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
                // The app's own server in the same process, with a fixed tool set within the cap: bounded, count unknown.
                if (InProcessMcpServer.ToolCount(invocation, _index, _symbols) is int served && served <= _cap)
                {
                    return new CatalogContent(0, false, 0, true, CatalogContent.Empty.Unbounded, chosen: true);
                }

                return CatalogContent.From(new UnboundedSource($"'{Describe(invocation.Syntax)}' (an MCP server's whole tool list)", entry, fixable: true), fromMcp: true);
            }

            if (method.Name == "GetMethods" && IsSystemType(method.ContainingType))
            {
                return CatalogContent.From(new UnboundedSource($"reflection over a type's methods ('{Describe(invocation.Syntax)}')", entry, fixable: true), fromMcp: false);
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

            // List<T>.ToArray(), AsReadOnly(): the same tools.
            if ((method.Name == "ToArray" || method.Name == "AsReadOnly") && invocation.Instance != null && invocation.Arguments.Length == 0)
            {
                return Collection(invocation.Instance, entry);
            }

            // A builder of your own that takes no input (BuildTools(), LoadToolsAsync(mcp, ct)) is followed, and so is a
            // conversion helper that keeps every tool it is given (tools.ToOpenAITools()); any other method of your own
            // is opaque: a per-turn selection step. See the docs' known limitations. A helper that runs a lambda and
            // returns its result (a retry wrapper) is read with the lambda's result in place of the delegate's.
            return FollowBuilderMethod(invocation, entry) ?? FollowInterfaceLister(invocation, entry) ?? FollowConversionHelper(invocation, entry)
                ?? FollowDelegateHelper(invocation, entry) ?? (IsSelectionStep(invocation) ? CatalogContent.Selected : CatalogContent.Unknown);
        }

        private CatalogContent Linq(IInvocationOperation invocation, IOperation entry)
        {
            // _plugins.SelectMany(p => p.Value) over a dictionary of every server's list (CatalogEvaluator.Dictionaries).
            if (invocation.TargetMethod.Name == "SelectMany" && DictionaryUnion(invocation, entry) is { } union)
            {
                return union;
            }

            // _mcpClients.SelectMany(c => c.Tools) over a list of per-server holders (CatalogEvaluator.WrapperLists).
            if (invocation.TargetMethod.Name == "SelectMany" && WrapperListUnion(invocation, entry) is { } wrappers)
            {
                return wrappers;
            }

            // contextProviders.SelectMany(p => p.GetTools()) over the container's providers (CatalogEvaluator.RegistryCollections).
            if (invocation.TargetMethod.Name == "SelectMany" && RegistryCollectionUnion(invocation, entry) is { } providers)
            {
                return providers;
            }

            var source = Collection(invocation.Arguments[0].Value, entry);
            switch (invocation.TargetMethod.Name)
            {
                case "Take" when invocation.Arguments.Length == 2:
                    return TakeCount(invocation.Arguments[1].Value) is int n
                        ? source.AtMost(n, capped: n <= _cap)
                        : IsChosenCount(invocation.Arguments[1].Value) ? source.MaybeFewer().WithoutUnbounded() : source.MaybeFewer();
                case "Where" when invocation.Arguments.Length == 2:
                    return IsAllowListFilter(invocation.Arguments[1].Value) ? source.MaybeFewer().ChosenByName() : source.MaybeFewer();
                case "Select":
                case "Cast":
                case "ToList":
                case "ToArray":
                case "AsEnumerable":
                case "OrderBy":
                case "OrderByDescending":
                case "ThenBy":
                case "ThenByDescending":
                case "Reverse":
                    return source;
                case "Concat" when invocation.Arguments.Length == 2:
                    return source.Plus(Collection(invocation.Arguments[1].Value, entry));
                case "Union" when invocation.Arguments.Length >= 2:
                    return source.Plus(Collection(invocation.Arguments[1].Value, entry)).MaybeFewer();
                case "Append":
                case "Prepend":
                    return invocation.Arguments.Length == 2 ? source.Plus(Element(invocation.Arguments[1].Value, entry)) : source;
                case "OfType":
                case "Distinct":
                case "DistinctBy":
                case "Skip":
                case "SkipWhile":
                case "TakeWhile":
                case "ToHashSet":
                case "SelectMany":
                    return source.MaybeFewer();
                default:
                    // First(), Count(), Aggregate(): not a catalog of the source's tools.
                    return CatalogContent.Unknown;
            }
        }

        /// <summary>
        /// The value of <c>Take(n)</c>: a constant, or a <c>static readonly</c> int field of the project initialised with
        /// one (<c>static readonly int MaxTools = 50;</c> caps at 50, not at whatever it might be).
        /// </summary>
        private int? TakeCount(IOperation count)
        {
            if (count.ConstantValue.Value is int n)
            {
                return n;
            }

            if (TypeIndex.Strip(count) is IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, DeclaringSyntaxReferences.Length: 1 } field }
                && field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer: { } initializer })
            {
                // The field may be declared in another file (a `Limits` class): its tree's model, when the project is known.
                var model = count.SemanticModel?.SyntaxTree == initializer.SyntaxTree
                    ? count.SemanticModel
                    : _project != null ? AiLint.Analyzers.LlmCalls.SourceBodies.GetSemanticModel(_project.Compilation, initializer.SyntaxTree) : null;
                if (model?.GetConstantValue(initializer.Value).Value is int value)
                {
                    return value;
                }
            }

            return null;
        }

        /// <summary>
        /// <c>Take(topK)</c>, <c>Take(settings.MaxTools)</c>: a number someone chose (a router's top-K, a configured
        /// maximum) bounds the catalog the way a configured allow-list does (see <see cref="NameFilter"/>): its size is a
        /// deployment decision, not a list that grows with the server. A count taken from a tool collection
        /// (<c>Take(all.Count)</c>) bounds nothing.
        /// </summary>
        private bool IsChosenCount(IOperation count)
        {
            foreach (var operation in count.DescendantsAndSelf())
            {
                if (operation.Type is { } type && _symbols.IsToolCollection(type))
                {
                    return false;
                }
            }

            return count.Type?.SpecialType == SpecialType.System_Int32;
        }

        private bool IsAllowListFilter(IOperation predicate)
        {
            switch (TypeIndex.Strip(predicate))
            {
                case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } when lambda.Symbol.Parameters.Length == 1:
                    return NameFilter.Admits(_allowList, ReturnedValue(lambda.Body), lambda.Symbol.Parameters[0]);
                case IDelegateCreationOperation { Target: IMethodReferenceOperation { Method: { } method } }:
                    // Where(IsAllowed): a method of your own decides, tool by tool (a selection step, see NameFilter).
                    return NameFilter.IsOwnMethod(method);
            }

            return false;
        }

        private static IOperation? ReturnedValue(IBlockOperation body) =>
            body.Operations.Length == 1 && body.Operations[0] is IReturnOperation ret ? ret.ReturnedValue : null;

        /// <summary>A local or field: its writes, plus its Adds when it is a catalog under construction.</summary>
        private CatalogContent Symbol(ISymbol symbol, IOperation entry)
        {
            if (!_visiting.Add(symbol))
            {
                return CatalogContent.Unknown;
            }

            try
            {
                _index.Writes.TryGetValue(symbol, out var writes);
                _index.Mutations.TryGetValue(symbol, out var mutations);
                if (writes == null || writes.Count == 0)
                {
                    // A local declared by a deconstruction has no write of its own (`var (client, tools) = ...`); one
                    // changed afterwards is not followed (an Add or a RemoveAll would need the tuple's element as its entry).
                    return mutations == null ? Deconstructed(symbol, entry) ?? CatalogContent.Unknown : ApplyMutations(CatalogContent.Unknown, mutations, symbol);
                }

                CatalogContent? result = null;
                foreach (var write in writes)
                {
                    // A plain holder re-homes its source to the reference; a catalog built by Adds keeps its own entries.
                    var content = Collection(write, mutations == null ? entry : write);
                    result = result == null ? content : result.Or(content);
                }

                return mutations == null ? result! : ApplyMutations(result!, mutations, symbol);
            }
            finally
            {
                _visiting.Remove(symbol);
            }
        }

        private CatalogContent ApplyMutations(CatalogContent result, List<IInvocationOperation> mutations, ISymbol? holder)
        {
            var declaration = holder is ILocalSymbol local && local.DeclaringSyntaxReferences.Length == 1
                ? local.DeclaringSyntaxReferences[0].Span
                : (Microsoft.CodeAnalysis.Text.TextSpan?)null;

            // Adds in the `if` and `else` of one statement (or two sections of one `switch`) never run together: each
            // alternative is counted on its own, and the largest is the catalog's count. Every alternative's unbounded
            // sources are kept, so AIL0202 still names a source in any branch.
            var initial = result;
            CatalogContent? largest = null;
            var unbounded = new List<UnboundedSource>();
            foreach (var alternative in ExclusiveBranches.Split(mutations, declaration))
            {
                var total = initial;
                var branchedCopies = BranchedCopyLoops(alternative, declaration);
                foreach (var mutation in alternative)
                {
                    var loop = EnclosingLoop(mutation, declaration);
                    if (loop is IForEachLoopOperation forEach && branchedCopies.TryGetValue(forEach, out var copies))
                    {
                        // One element per iteration whichever branch runs: the loop's adds count once, together.
                        if (ReferenceEquals(copies[0], mutation))
                        {
                            var copied = BranchedCopy(forEach, copies);
                            total = total.Plus(IsConditional(forEach, declaration) ? copied.AsConditional() : copied);
                        }

                        continue;
                    }

                    var added = new LoopAwareMutation(this, mutation, loop).Evaluate();
                    total = total.Plus(IsConditional(mutation, declaration) ? added.AsConditional() : added);
                }

                foreach (var source in total.Unbounded)
                {
                    if (!unbounded.Exists(known => ReferenceEquals(known, source) || (ReferenceEquals(known.Entry, source.Entry) && known.Description == source.Description)))
                    {
                        unbounded.Add(source);
                    }
                }

                if (largest == null || total.Min > largest.Min)
                {
                    largest = total;
                }
            }

            result = largest!.WithUnboundedSources(System.Collections.Immutable.ImmutableArray.CreateRange(unbounded));

            if (EndsWithAllowListRemoval(mutations, holder, declaration))
            {
                return result.MaybeFewer().WithoutUnbounded();
            }

            foreach (var mutation in mutations)
            {
                if (mutation.TargetMethod.Name.StartsWith("Remove", System.StringComparison.Ordinal) || mutation.TargetMethod.Name == "Clear")
                {
                    return result.MaybeFewer();
                }
            }

            return result;
        }

        /// <summary>
        /// <c>tools.RemoveAll(t =&gt; !allowed.Contains(t.Name))</c> as the last change of the list, run unconditionally:
        /// what is left is the allow-listed tools, however many the server listed (the same bound as <c>Where</c>).
        /// A removal that adds or writes come after (a later write may bring a whole list back), that runs only in a branch
        /// or a loop, or on a field, bounds nothing.
        /// </summary>
        private bool EndsWithAllowListRemoval(List<IInvocationOperation> mutations, ISymbol? holder, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            // Only a local's changes have a text order that is their run order (a field's may be spread over members).
            if (declaration == null)
            {
                return false;
            }

            IInvocationOperation? last = null;
            foreach (var mutation in mutations)
            {
                if (last != null && mutation.Syntax.SyntaxTree != last.Syntax.SyntaxTree)
                {
                    return false;
                }

                if (last == null || mutation.Syntax.SpanStart > last.Syntax.SpanStart)
                {
                    last = mutation;
                }
            }

            if (last == null || !WrittenOnlyBefore(holder, last))
            {
                return false;
            }

            return last is { TargetMethod.Name: "RemoveAll", Arguments.Length: >= 1 }
                && TypeIndex.Strip(last.Arguments[last.Arguments.Length - 1].Value) is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }
                && lambda.Symbol.Parameters.Length == 1
                && NameFilter.AdmitsWhenFalse(_allowList, ReturnedValue(lambda.Body), lambda.Symbol.Parameters[0])
                && !IsConditional(last, declaration)
                && EnclosingLoop(last, declaration) == null;
        }

        /// <summary>Every write of <paramref name="holder"/> sits before <paramref name="point"/> in its file, outside a lambda.</summary>
        private bool WrittenOnlyBefore(ISymbol? holder, IOperation point)
        {
            if (holder == null || !_index.Writes.TryGetValue(holder, out var writes))
            {
                return true;
            }

            foreach (var write in writes)
            {
                if (write.Syntax.SyntaxTree != point.Syntax.SyntaxTree || write.Syntax.SpanStart > point.Syntax.SpanStart)
                {
                    return false;
                }

                for (var parent = write.Parent; parent != null; parent = parent.Parent)
                {
                    if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// Whether <paramref name="mutation"/> runs only under a condition (an <c>if</c>, a <c>?:</c>, a <c>switch</c> arm,
        /// a <c>catch</c>) inside the code that fills the catalog: between it and the catalog's declaration, or within its
        /// member body when the catalog is a field filled elsewhere.
        /// </summary>
        internal static bool IsConditional(IOperation mutation, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            for (var current = mutation.Parent; current != null; current = current.Parent)
            {
                if (declaration is { } span && current.Syntax.Span.Contains(span))
                {
                    return false;
                }

                if (current is IConditionalOperation || current is ISwitchCaseOperation || current is ISwitchExpressionArmOperation || current is ICatchClauseOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The loop around <paramref name="operation"/> that does not also contain the catalog's declaration.</summary>
        private static ILoopOperation? EnclosingLoop(IOperation operation, Microsoft.CodeAnalysis.Text.TextSpan? declaration)
        {
            for (var current = operation.Parent; current != null; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return null;
                }

                if (current is ILoopOperation loop)
                {
                    return declaration is { } span && loop.Syntax.Span.Contains(span) ? null : loop;
                }
            }

            return null;
        }
    }
}
