using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>Catalogs that reach the sink from another member: a builder method, a property, another type's state.</summary>
    internal sealed partial class CatalogEvaluator
    {
        /// <summary>
        /// <c>BuildTools()</c>, <c>await LoadToolsAsync(mcp, ct)</c>, <c>_registry.GetTools()</c> on a class of the
        /// project: what the method returns. Only methods whose inputs are nothing but an MCP client or a cancellation
        /// token are followed; a method given anything else (the user's message, a tool list) may be choosing tools for
        /// the turn, and stays opaque. A local function (the <c>static async Task&lt;IList&lt;McpClientTool&gt;&gt;
        /// GetTools()</c> helper of a top-level <c>Program.cs</c>) is followed the same way: what it captures is read
        /// like the fields a method reads.
        /// </summary>
        private CatalogContent? FollowBuilderMethod(IInvocationOperation invocation, IOperation entry)
        {
            if (ReferencedBuilder(invocation, position: -1, entry) is { } referenced)
            {
                return referenced;
            }

            var method = invocation.TargetMethod;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || method.IsAbstract
                || method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.LocalFunction
                || !_project.IsInSource(method.OriginalDefinition) || !_symbols.IsToolCollection(UnwrapTask(invocation.Type))
                || !OnlyBuilderInputs(invocation))
            {
                return null;
            }

            return FollowReturns(method, entry, invocation.Syntax);
        }

        /// <summary>
        /// An injected registry whose interface or abstract member is the project's own and implemented in the project
        /// (<c>IToolProvider.GetTools()</c> implemented by <c>ClockTools</c>): what the implementations return. Null,
        /// so the caller keeps its "injected registry" verdict, when there is no implementation in source, or when one
        /// of them returns a catalog that is neither bounded nor fed by an unbounded source (AiLint cannot tell what it
        /// holds). Bounded is what inline code would not report either: an exact count, or every tool through a
        /// <c>Take(n)</c>, an allow-list or a selection step of the project (<see cref="CatalogContent.Bounded"/>), also
        /// through a field the implementation caches it in. An implementation that returns an MCP server's whole list is
        /// reported through the call.
        /// </summary>
        private CatalogContent? FollowImplementations(IMethodSymbol member, IOperation entry, SyntaxNode via, bool dictionaries = false)
        {
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || !_project.IsInSource(member.OriginalDefinition))
            {
                return null;
            }

            var implementations = _project.ImplementationsOf(member.OriginalDefinition);
            if (implementations.Count == 0)
            {
                return null;
            }

            CatalogContent? result = null;
            var allBounded = true;
            foreach (var implementation in implementations)
            {
                if (implementation.IsAbstract)
                {
                    continue;
                }

                // A member returning a dictionary of tool lists is read as the union of its lists (CatalogEvaluator.RegistryDictionaries).
                if ((dictionaries ? FollowDictionaryReturns(implementation, entry, via) : FollowReturns(implementation, entry, via)) is not { } content)
                {
                    return null;
                }

                allBounded &= content.Bounded;
                result = result == null ? content : result.Or(content);
            }

            return result != null && (allBounded || !result.Unbounded.IsEmpty) ? result : null;
        }

        /// <summary>A property of the project: its writes when it is an auto-property, else what its getter returns.</summary>
        private CatalogContent FollowProperty(IPropertyReferenceOperation reference, IOperation entry)
        {
            var property = reference.Property;
            if (_index.Writes.ContainsKey(property) || _index.Mutations.ContainsKey(property))
            {
                return Symbol(property, entry);
            }

            // `state.Tools` of a holder this type creates and fills (CatalogEvaluator.HeldLists).
            if (HeldListContent(reference, entry) is { } held)
            {
                return held;
            }

            if (ReferencedCatalog(property, reference) is { } recorded)
            {
                return recorded;
            }

            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || !_symbols.IsToolCollection(property.Type)
                || !_project.IsInSource(property.OriginalDefinition) || property.IsIndexer)
            {
                return CatalogContent.Unknown;
            }

            if (TypeIndex.IsAutoProperty(property.OriginalDefinition))
            {
                return FollowOtherTypesState(property.OriginalDefinition, entry) ?? CatalogContent.Unknown;
            }

            return property.GetMethod is { } getter ? FollowReturns(getter, entry, reference.Syntax) ?? CatalogContent.Unknown : CatalogContent.Unknown;
        }

        /// <summary>
        /// A static field or property of a referenced project whose summary recorded its tool count
        /// (<see cref="ToolCatalogSummary"/>); null when nothing was recorded or this type writes or changes the member.
        /// </summary>
        private CatalogContent? ReferencedCatalog(ISymbol member, IOperation reference)
        {
            if (_index.Writes.ContainsKey(member) || _index.Mutations.ContainsKey(member)
                || !((_project?.Compilation ?? reference.SemanticModel?.Compilation) is { } compilation))
            {
                return null;
            }

            return ToolCatalogSummary.ReferencedContent(member, compilation);
        }

        /// <summary>The tools a field or property of the project holds (the project summary's side of <see cref="ToolCatalogSummary"/>).</summary>
        internal CatalogContent Member(ISymbol member, IOperation entry) => Symbol(member, entry);

        /// <summary>A field or auto-property of another type of the project (<c>ToolRegistry.All</c>): its writes and Adds there.</summary>
        private CatalogContent? FollowOtherTypesState(ISymbol member, IOperation entry)
        {
            var owner = member.ContainingType;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || owner == null
                || SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, _index.Type?.OriginalDefinition)
                || _index.Writes.ContainsKey(member) || _index.Mutations.ContainsKey(member)
                || !_project.IsInSource(member))
            {
                return null;
            }

            var type = member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type;
            if (!_symbols.IsToolCollection(type))
            {
                return null;
            }

            var index = _project.IndexOf(owner);
            var content = new CatalogEvaluator(_symbols, index, _cap, _project, _depth + 1).Symbol(member, entry);
            return Rehome(content, entry, entry.Syntax);
        }

        /// <summary>
        /// <c>tools.ToOpenAITools()</c>, <c>AsChatTools(list)</c>: a method of the project given one tool collection (and
        /// nothing else but an MCP client or a cancellation token) that returns every tool it was given, converted
        /// (<c>Select</c>, <c>ToList</c>, a copy loop, also one whose every path adds once: CatalogEvaluator.BranchedCopies).
        /// What it returns is what it was given. A method that may return fewer (a <c>Where</c>, a <c>Take</c>, a loop
        /// with an <c>if</c> that may skip a tool) is a selection step and stays opaque.
        /// </summary>
        private CatalogContent? FollowConversionHelper(IInvocationOperation invocation, IOperation entry)
        {
            var method = invocation.TargetMethod;
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || method.IsAbstract || method.MethodKind != MethodKind.Ordinary
                || !_project.IsInSource(method.OriginalDefinition) || !_symbols.IsToolCollection(UnwrapTask(invocation.Type))
                || method.ContainingType == null || ToolArgument(invocation) is not { Parameter: { } parameter } argument)
            {
                return null;
            }

            // Evaluated once with a known count in place of the input: a helper that keeps every tool returns at least it.
            var key = parameter.OriginalDefinition;
            var probe = new Dictionary<IParameterSymbol, CatalogContent>(SymbolEqualityComparer.Default) { [key] = CatalogContent.Exactly(ConversionProbeCount) };
            var values = _project.ReturnedValues(method.OriginalDefinition);
            if (values.Count == 0)
            {
                return null;
            }

            var index = _project.IndexOf(method.ContainingType);
            foreach (var value in values)
            {
                var kept = new CatalogEvaluator(_symbols, index, _cap, _project, _depth + 1, probe).Collection(value, value);
                if (!kept.Exact || kept.Min < ConversionProbeCount)
                {
                    return null;
                }
            }

            var given = new Dictionary<IParameterSymbol, CatalogContent>(SymbolEqualityComparer.Default) { [key] = Collection(argument.Value, entry) };
            return FollowReturns(method.OriginalDefinition, entry, invocation.Syntax, given);
        }

        /// <summary>
        /// <c>allowlist.Apply(advertised)</c>, <c>SelectTools(message, all)</c>: a method of the project that is given a
        /// tool collection and returns one, and is neither a builder nor a conversion helper that keeps every tool. It
        /// may return fewer than it was given, so it is a per-turn selection step and is trusted (the page's known
        /// limitations): what it returns counts as chosen (<see cref="CatalogContent.Selected"/>), not as unknown.
        /// </summary>
        private bool IsSelectionStep(IInvocationOperation invocation)
        {
            if (!NameFilter.IsOwnMethod(invocation.TargetMethod) || !_symbols.IsToolCollection(UnwrapTask(invocation.Type)))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Value.Type is { } type && _symbols.IsToolCollection(type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Larger than any catalog written by hand, so a helper that keeps it whole is told from one that adds or drops tools.</summary>
        private const int ConversionProbeCount = 100000;

        /// <summary>The one argument that is a tool collection, when every other input is an MCP client or a cancellation token.</summary>
        private IArgumentOperation? ToolArgument(IInvocationOperation invocation)
        {
            IArgumentOperation? tools = null;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && !parameter.IsParams && parameter.RefKind == RefKind.None
                    && _symbols.IsToolCollection(parameter.Type) && _symbols.IsToolCollection(argument.Value.Type))
                {
                    if (tools != null)
                    {
                        return null;
                    }

                    tools = argument;
                }
                else if (argument.ArgumentKind == ArgumentKind.Explicit
                    && !SymbolEqualityComparer.Default.Equals(argument.Value.Type, _symbols.CancellationToken)
                    && !_symbols.IsMcpClient(argument.Parameter?.Type)
                    && !(argument.Parameter is { } wrapped && _project != null && _project.IsPerToolWrapperInput(wrapped)))
                {
                    return null;
                }
            }

            return tools;
        }

        /// <summary>
        /// A plain parameter of a method of the project that is a tool collection (<c>AskAsync(string q, IList&lt;AITool&gt;
        /// tools)</c>): its callers decide what it holds (see <see cref="Forwarded"/>). Injected parameters are sources of
        /// their own and are not forwarded.
        /// </summary>
        private bool IsForwardable(IParameterReferenceOperation reference)
        {
            var parameter = reference.Parameter;
            return _project != null
                && parameter.ContainingSymbol is IMethodSymbol { IsAbstract: false, MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction or MethodKind.ExplicitInterfaceImplementation } method
                && !parameter.IsParams && parameter.RefKind == RefKind.None
                && _symbols.IsToolCollection(parameter.Type)
                && _project.IsInSource(method.OriginalDefinition)
                && !IsInjected(reference);
        }

        private CatalogContent? FollowReturns(IMethodSymbol method, IOperation entry, SyntaxNode via, IReadOnlyDictionary<IParameterSymbol, CatalogContent>? bindings = null)
        {
            var values = _project!.ReturnedValues(method);
            if (values.Count == 0 && method.ContainingType != null && bindings == null)
            {
                return FollowYields(method, entry, via);
            }

            if (values.Count == 0 || method.ContainingType == null)
            {
                return null;
            }

            var evaluator = new CatalogEvaluator(_symbols, _project.IndexOf(method.ContainingType), _cap, _project, _depth + 1, bindings);
            CatalogContent? result = null;
            foreach (var value in values)
            {
                var content = evaluator.Collection(value, value);
                result = result == null ? content : result.Or(content);
            }

            return Rehome(result!, entry, via);
        }

        /// <summary>
        /// <c>class Agent(IChatClient client, IList&lt;AITool&gt; tools)</c> built by the project with
        /// <c>new Agent(client, [search, lookup])</c>: when AiLint sees every creation of the type (see
        /// <see cref="ProjectCatalogs.ConstructorArguments"/>) and none passes an unbounded source, the parameter holds what
        /// the callers pass, not an injected collection. Null (keep the injected verdict) otherwise.
        /// </summary>
        private CatalogContent? FromConstructorCallers(IParameterSymbol parameter)
        {
            if (_project == null || _depth >= ProjectCatalogs.MaxDepth || _project.ConstructorArguments(parameter) is not { } arguments)
            {
                return null;
            }

            CatalogContent? result = null;
            foreach (var argument in arguments)
            {
                if (argument.SemanticModel?.GetEnclosingSymbol(argument.Syntax.SpanStart)?.ContainingType is not { } creator)
                {
                    return null;
                }

                var content = new CatalogEvaluator(_symbols, _project.IndexOf(creator), _cap, _project, _depth + 1).Collection(argument, argument);
                if (!content.Unbounded.IsEmpty)
                {
                    return null;
                }

                result = result == null ? content : result.Or(content);
            }

            // The callers' counts are not this sink's to report (AIL0201 would name a list written elsewhere): no count.
            return result == null ? null : CatalogContent.Unknown;
        }

        /// <summary>The sources found inside the builder enter this catalog through <paramref name="entry"/>; the message says where they came from.</summary>
        private static CatalogContent Rehome(CatalogContent content, IOperation entry, SyntaxNode via)
        {
            if (content.Unbounded.IsEmpty)
            {
                return content;
            }

            var suffix = $", through '{Describe(via)}'";
            var sources = new List<UnboundedSource>();
            foreach (var source in content.Unbounded)
            {
                sources.Add(ReferenceEquals(source.Entry, entry) ? source : source.Through(suffix, entry, source.Fixable));
            }

            return new CatalogContent(content.Min, content.Exact, content.Strict, content.FromMcp, sources.ToImmutableArray(), chosen: content.Chosen);
        }

        /// <summary>
        /// An iterator of the project (<c>IEnumerable&lt;AITool&gt; GetTools() { yield return ...; }</c>): each
        /// <c>yield return</c> outside a loop is one tool (under an <c>if</c>, as if it ran); one in a <c>foreach</c> that
        /// yields each element of a collection holds as many as the collection (so reflection over a type's methods, or
        /// an MCP server's list, stays unbounded); any other loop, and a <c>yield break</c> or <c>try</c> that may end it
        /// early, make the count a lower bound of nothing ("may be fewer"), keeping the unbounded sources. Null when the
        /// method does not yield.
        /// </summary>
        private CatalogContent? FollowYields(IMethodSymbol method, IOperation entry, SyntaxNode via)
        {
            var yields = _project!.Yields(method);
            if (yields.Count == 0)
            {
                return null;
            }

            var evaluator = new CatalogEvaluator(_symbols, _project.IndexOf(method.ContainingType), _cap, _project, _depth + 1);
            var mayEndEarly = false;
            var values = new List<IReturnOperation>(yields.Count);
            foreach (var yield in yields)
            {
                if (yield.Kind == OperationKind.YieldBreak || yield.ReturnedValue == null)
                {
                    mayEndEarly = true;
                    continue;
                }

                for (var current = yield.Parent; current != null; current = current.Parent)
                {
                    mayEndEarly |= current is ITryOperation;
                }

                values.Add(yield);
            }

            // Yields in the `if` and `else` of one statement (or two sections of one `switch`) never run together, like
            // Adds to a list (ExclusiveBranches): the largest alternative is the count; every alternative's sources stay.
            CatalogContent? largest = null;
            var unbounded = new List<UnboundedSource>();
            foreach (var alternative in ExclusiveBranches.Split(values, declaration: null))
            {
                var total = CatalogContent.Empty;
                foreach (var yield in alternative)
                {
                    total = total.Plus(evaluator.Yielded(yield, yield.ReturnedValue!));
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

            var content = (largest ?? CatalogContent.Empty).WithUnboundedSources(System.Collections.Immutable.ImmutableArray.CreateRange(unbounded));
            return Rehome(mayEndEarly ? content.MaybeFewer() : content, entry, via);
        }

        private CatalogContent Yielded(IReturnOperation yield, IOperation value)
        {
            var loop = EnclosingLoop(yield, null);
            if (loop == null)
            {
                var one = Element(value, value);
                return IsConditional(yield, null) ? one.AsConditional() : one;
            }

            if (loop is IForEachLoopOperation forEach && EnclosingLoop(forEach, null) == null
                && ReadsLoopVariable(value, forEach, out var variable))
            {
                // foreach (var m in typeof(Ops).GetMethods()) yield return AIFunctionFactory.Create(m, ops);
                var source = Collection(forEach.Collection, TypeIndex.Strip(forEach.Collection)!);
                var element = Element(value, value);
                if (element.Min == 0 && element.Unbounded.IsEmpty)
                {
                    // Deferred tools (DeferLoading), as for a loop of Adds (LoopAwareMutation).
                    return element.Exact ? CatalogContent.Empty : source.MaybeFewer();
                }

                if (AllowListGuard(yield, forEach, variable!))
                {
                    return source.MaybeFewer().WithoutUnbounded();
                }

                var copied = LoopAwareMutation.RunsOncePerIteration(yield, forEach) ? source : source.MaybeFewer();
                return IsConditional(forEach, null) ? copied.AsConditional() : copied;
            }

            return Element(value, value).MaybeFewer();
        }

        /// <summary>
        /// The library side of <see cref="McpListBuilderSummary"/>: whether what <paramref name="method"/> returns (the list,
        /// or element <paramref name="position"/> of every returned tuple literal) carries an MCP server's whole list, as a
        /// caller in this project would find through <see cref="FollowBuilderMethod"/> or <see cref="FollowTupleBuilder"/>.
        /// </summary>
        internal bool ReturnsWholeMcpList(IMethodSymbol method, int position)
        {
            var values = _project?.ReturnedValues(method.OriginalDefinition);
            if (values == null || values.Count == 0)
            {
                return false;
            }

            CatalogContent? result = null;
            foreach (var value in values)
            {
                var element = position < 0 ? value
                    : TypeIndex.Strip(value) is ITupleOperation tuple && tuple.Elements.Length > position ? tuple.Elements[position] : null;
                if (element == null)
                {
                    return false;
                }

                var content = Collection(element, element);
                result = result == null ? content : result.Or(content);
            }

            return result is { FromMcp: true } && !result.Unbounded.IsEmpty;
        }

        /// <summary>
        /// A builder of another project of the solution whose summary recorded that it returns an MCP server's whole list
        /// (<see cref="McpListBuilderSummary"/>): that list, reported through the call. Null when nothing was recorded.
        /// </summary>
        private CatalogContent? ReferencedBuilder(IInvocationOperation invocation, int position, IOperation entry)
        {
            var method = invocation.TargetMethod;
            if (method.DeclaringSyntaxReferences.Length != 0
                || (_project?.Compilation ?? invocation.SemanticModel?.Compilation) is not { } compilation
                || !McpListBuilderSummary.IsRecorded(method, position, compilation))
            {
                return null;
            }

            return CatalogContent.From(new UnboundedSource($"'{Describe(invocation.Syntax)}' (an MCP server's whole tool list)", entry, fixable: true), fromMcp: true);
        }

        /// <summary>
        /// Whether every input the call passes is an MCP client, a cancellation token, or says only where the server is
        /// (a name, an endpoint, headers, configuration used only to create the transport: <see cref="ServerLocatorInputs"/>).
        /// Such inputs choose no tools, so the builder returns what its body lists.
        /// </summary>
        private bool OnlyBuilderInputs(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (IsGiven(argument)
                    && !SymbolEqualityComparer.Default.Equals(argument.Value.Type, _symbols.CancellationToken)
                    && !_symbols.IsMcpClient(argument.Parameter?.Type)
                    && !(argument.Parameter is { } parameter && _project != null && _project.IsServerLocator(parameter))
                    && !(argument.Parameter is { } wrapped && _project != null && _project.IsPerToolWrapperInput(wrapped)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
