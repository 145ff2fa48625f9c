using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Catalogs built in one member of the project and handed to the model in another: a method that returns the
    /// catalog (<c>Tools = BuildTools()</c>), a property with a body, an auto-property or field of another type
    /// (<c>Tools = ToolRegistry.All</c>, <c>Tools = _registry.GetTools()</c>). One instance per compilation; the
    /// index of each type that builds a catalog is made once and shared by every type that reads it.
    /// </summary>
    /// <remarks>
    /// Why the diagnostic stays at the sink's side (the call or member read that brings the catalog into the method
    /// that hands it to the model) rather than at the build site: one builder may feed several sinks and another
    /// type's analysis, and the per-type analysis reports in the type it analyses (no duplicates, and the squiggle is
    /// in the file an IDE analyses). The message names the source found inside the builder.
    /// </remarks>
    internal sealed partial class ProjectCatalogs
    {
        /// <summary>How many member hops are followed: enough for a registry behind a service, cheap on deep chains.</summary>
        public const int MaxDepth = 3;

        private readonly object _implementationsGate = new object();
        private Dictionary<IMethodSymbol, List<IMethodSymbol>>? _implementations;

        private readonly ConcurrentDictionary<INamedTypeSymbol, TypeIndex> _indexes =
            new ConcurrentDictionary<INamedTypeSymbol, TypeIndex>(SymbolEqualityComparer.Default);

        public ProjectCatalogs(Compilation compilation, KnownToolSymbols symbols, CancellationToken cancellationToken)
        {
            Compilation = compilation;
            Symbols = symbols;
            CancellationToken = cancellationToken;
        }

        public Compilation Compilation { get; }

        /// <summary>The prompt-directory function folders the project's AdditionalFiles show; null when not given.</summary>
        public PromptDirectoryFunctions? PromptDirectories { get; set; }

        private readonly object _containerKernelGate = new object();
        private bool _containerKernelFound;
        private ProjectContainerKernel? _containerKernel;

        /// <summary>
        /// The container's kernel whose plugins are registered across several types (see <see cref="ProjectContainerKernel"/>),
        /// found once per compilation; null when there is none or Semantic Kernel is not referenced.
        /// </summary>
        public ProjectContainerKernel? ContainerKernel
        {
            get
            {
                if (Symbols.KernelFunction == null)
                {
                    return null;
                }

                lock (_containerKernelGate)
                {
                    if (!_containerKernelFound)
                    {
                        _containerKernel = ProjectContainerKernel.Find(this);
                        _containerKernelFound = true;
                    }

                    return _containerKernel;
                }
            }
        }

        public KnownToolSymbols Symbols { get; }

        public CancellationToken CancellationToken { get; }

        public bool IsInSource(ISymbol symbol) =>
            SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Compilation.Assembly) && symbol.DeclaringSyntaxReferences.Length > 0;

        /// <summary>The index of every member body and initializer of <paramref name="type"/>, built once.</summary>
        public TypeIndex IndexOf(INamedTypeSymbol type) => _indexes.GetOrAdd(type.OriginalDefinition, BuildIndex);

        /// <summary>Shares the index the analyzer built for a type from its blocks, so it is not bound a second time.</summary>
        public void Remember(TypeIndex index)
        {
            if (index.Type != null)
            {
                _indexes.TryAdd(index.Type.OriginalDefinition, index);
            }
        }

        private readonly ConcurrentDictionary<(string Id, SyntaxTree? Tree, Microsoft.CodeAnalysis.Text.TextSpan Span, string Message), INamedTypeSymbol> _reporters =
            new ConcurrentDictionary<(string, SyntaxTree?, Microsoft.CodeAnalysis.Text.TextSpan, string), INamedTypeSymbol>();

        /// <summary>
        /// Whether the analysis of <paramref name="reporter"/> is the one that reports <paramref name="diagnostic"/>. A
        /// caller's argument can be reached from the sinks of several types (a service that hands one catalog to an
        /// OpenAI and an Ollama gateway); the first type to reach it owns it, so the build gets it once. The owner
        /// reports it again whenever its own analysis runs again (an editor re-analysing the file), and an identical
        /// diagnostic is reported whichever type owns it, so the output does not depend on the order of analysis.
        /// </summary>
        public bool IsReporter(Diagnostic diagnostic, INamedTypeSymbol reporter)
        {
            var location = diagnostic.Location;
            var key = (diagnostic.Id, location.SourceTree, location.SourceSpan, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            return SymbolEqualityComparer.Default.Equals(_reporters.GetOrAdd(key, reporter.OriginalDefinition), reporter.OriginalDefinition);
        }

        /// <summary>
        /// The project's direct overrides and implementations of a source method (interface members included), found
        /// in one pass over the compilation's types the first time an injected registry of the project is met.
        /// </summary>
        public IReadOnlyList<IMethodSymbol> ImplementationsOf(IMethodSymbol method)
        {
            lock (_implementationsGate)
            {
                _implementations ??= Retry.SourceImplementations.Find(Compilation);
                return _implementations.TryGetValue(method.OriginalDefinition, out var list) ? list : (IReadOnlyList<IMethodSymbol>)System.Array.Empty<IMethodSymbol>();
            }
        }

        /// <summary>
        /// The arguments the project passes for a constructor parameter: <c>new Agent(client, [a, b])</c>,
        /// <c>new(client, tools)</c>, <c>: base(tools)</c>. Null when AiLint cannot see every creation: none in source
        /// (the container builds it), or the type is named as a type argument or in <c>typeof</c> anywhere
        /// (<c>AddSingleton&lt;Agent&gt;()</c>, <c>ActivatorUtilities.CreateInstance&lt;Agent&gt;</c>), or passed as
        /// <c>params</c>.
        /// </summary>
        public IReadOnlyList<IOperation>? ConstructorArguments(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                || constructor.ContainingType is not { } type
                || parameter.IsParams)
            {
                return null;
            }

            return _constructorArguments.GetOrAdd(parameter, _ => FindConstructorArguments(constructor, type, parameter));
        }

        private readonly ConcurrentDictionary<IParameterSymbol, IReadOnlyList<IOperation>?> _constructorArguments =
            new ConcurrentDictionary<IParameterSymbol, IReadOnlyList<IOperation>?>(SymbolEqualityComparer.Default);

        private IReadOnlyList<IOperation>? FindConstructorArguments(IMethodSymbol constructor, INamedTypeSymbol type, IParameterSymbol parameter)
        {
            var arguments = new List<IOperation>();
            foreach (var tree in Compilation.SyntaxTrees)
            {
                foreach (var node in tree.GetRoot(CancellationToken).DescendantNodes())
                {
                    SyntaxNode? creation;
                    switch (node)
                    {
                        case ObjectCreationExpressionSyntax explicitNew when RightmostName(explicitNew.Type) == type.Name:
                        case ImplicitObjectCreationExpressionSyntax:
                        case ConstructorInitializerSyntax:
                        case PrimaryConstructorBaseTypeSyntax:
                            creation = node;
                            break;
                        case TypeArgumentListSyntax typeArguments when NamesType(typeArguments, type.Name):
                            return null;
                        case TypeOfExpressionSyntax typeOf when RightmostName(typeOf.Type) == type.Name:
                            return null;
                        default:
                            continue;
                    }

                    var operation = SourceBodies.GetOperation(creation, Compilation, CancellationToken);
                    var (target, passed) = operation switch
                    {
                        IObjectCreationOperation created => (created.Constructor, created.Arguments),
                        IInvocationOperation chained => (chained.TargetMethod, chained.Arguments),
                        _ => (null, default(System.Collections.Immutable.ImmutableArray<IArgumentOperation>)),
                    };
                    if (target == null || !SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, constructor.OriginalDefinition))
                    {
                        continue;
                    }

                    foreach (var argument in passed)
                    {
                        if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition))
                        {
                            arguments.Add(argument.Value);
                        }
                    }
                }
            }

            return arguments.Count == 0 ? null : arguments;
        }

        /// <summary>
        /// The arguments the project's calls pass for a parameter of an ordinary method or local function
        /// (<c>AskAsync(q, tools)</c> for <c>AskAsync(string q, IList&lt;AITool&gt; tools)</c>), including calls through an
        /// interface member of the project that this method alone implements (<c>_service.AskAsync(q, tools)</c> on
        /// <c>IChatService</c>). Calls through a delegate or from another project are not seen. A private method or a
        /// local function is called only from the files of its type, so only those are read.
        /// </summary>
        public IReadOnlyList<IOperation> CallArguments(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol method || method.ContainingType is not { } type)
            {
                return System.Array.Empty<IOperation>();
            }

            var calls = _calls.GetOrAdd(method.OriginalDefinition, _ => FindCalls(method.OriginalDefinition, type));
            var arguments = new List<IOperation>();
            foreach (var call in calls)
            {
                foreach (var argument in call.Arguments)
                {
                    // By position: a call through the interface names the interface member's parameter.
                    if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Ordinal == parameter.Ordinal)
                    {
                        arguments.Add(argument.Value);
                    }
                }
            }

            return arguments;
        }

        private readonly ConcurrentDictionary<IMethodSymbol, List<IInvocationOperation>> _calls =
            new ConcurrentDictionary<IMethodSymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);

        private List<IInvocationOperation> FindCalls(IMethodSymbol method, INamedTypeSymbol type)
        {
            var targets = new List<IMethodSymbol> { method };
            foreach (var member in InterfaceMembersImplementedOnlyBy(method, type))
            {
                targets.Add(member);
            }

            var trees = new List<SyntaxTree>();
            if (targets.Count == 1 && (method.MethodKind == MethodKind.LocalFunction || method.DeclaredAccessibility == Accessibility.Private))
            {
                foreach (var reference in type.DeclaringSyntaxReferences)
                {
                    if (!trees.Contains(reference.SyntaxTree))
                    {
                        trees.Add(reference.SyntaxTree);
                    }
                }
            }
            else
            {
                trees.AddRange(Compilation.SyntaxTrees);
            }

            // Only files whose text spells a called name are parsed into nodes (see SinkTextPrefilter for why text).
            var names = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var target in targets)
            {
                names.Add(target.Name);
            }

            var mentions = new SinkTextPrefilter(names);
            var calls = new List<IInvocationOperation>();
            foreach (var tree in trees)
            {
                if (!mentions.MayMentionSink(tree, CancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(CancellationToken).DescendantNodes())
                {
                    if (node is InvocationExpressionSyntax invocation
                        && CalledName(invocation.Expression) is { } name && names.Contains(name)
                        && SourceBodies.GetOperation(invocation, Compilation, CancellationToken) is IInvocationOperation call
                        && targets.Contains(call.TargetMethod.OriginalDefinition, SymbolEqualityComparer.Default))
                    {
                        calls.Add(call);
                    }
                }
            }

            return calls;
        }

        /// <summary>The project's interface members that <paramref name="method"/> implements and no other method of the project does.</summary>
        private IEnumerable<IMethodSymbol> InterfaceMembersImplementedOnlyBy(IMethodSymbol method, INamedTypeSymbol type)
        {
            if (method.MethodKind != MethodKind.Ordinary && method.MethodKind != MethodKind.ExplicitInterfaceImplementation)
            {
                yield break;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers())
                {
                    if (member is IMethodSymbol declared && IsInSource(declared.OriginalDefinition)
                        && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(declared)?.OriginalDefinition, method)
                        && ImplementationsOf(declared.OriginalDefinition) is { Count: 1 })
                    {
                        yield return declared.OriginalDefinition;
                    }
                }
            }
        }

        private static string? CalledName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static string? RightmostName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static bool NamesType(TypeArgumentListSyntax list, string name)
        {
            foreach (var argument in list.Arguments)
            {
                if (RightmostName(argument) == name)
                {
                    return true;
                }
            }

            return false;
        }

        private readonly ConcurrentDictionary<IParameterSymbol, bool> _serverLocators =
            new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Whether an input of a source method or local function only says where the MCP server is (used only to create
        /// its transport or client, see <see cref="ServerLocatorInputs"/>); decided once per parameter.
        /// </summary>
        public bool IsServerLocator(IParameterSymbol parameter) =>
            _serverLocators.GetOrAdd(parameter.OriginalDefinition, key =>
                key.ContainingSymbol is IMethodSymbol method && IsInSource(method.OriginalDefinition)
                && ServerLocatorInputs.IsLocator(key, SourceBodies.GetBodies(method, Compilation, CancellationToken).ToList(), Symbols, Compilation, ReachesTheServer));

        private readonly ConcurrentDictionary<IParameterSymbol, bool> _serverReachers =
            new ConcurrentDictionary<IParameterSymbol, bool>(SymbolEqualityComparer.Default);

        /// <summary>
        /// Whether an input of a source method makes the MCP server's transport or client in that method itself (the second
        /// method a builder hands its input to, see <see cref="ServerLocatorInputs.ReachesTheServer"/>); decided once per parameter.
        /// </summary>
        private bool ReachesTheServer(IParameterSymbol parameter) =>
            _serverReachers.GetOrAdd(parameter.OriginalDefinition, key =>
                key.ContainingSymbol is IMethodSymbol method && IsInSource(method.OriginalDefinition)
                && ServerLocatorInputs.ReachesTheServer(key, SourceBodies.GetBodies(method, Compilation, CancellationToken).ToList(), Symbols, Compilation));

        /// <summary>The values a source method or getter returns (its own returns, not those of lambdas or local functions inside it).</summary>
        public List<IOperation> ReturnedValues(IMethodSymbol method) => SourceBodies.ReturnedValues(method, Compilation, CancellationToken);

        /// <summary>
        /// The <c>yield return</c> and <c>yield break</c> statements of an iterator's bodies (not those of lambdas or local
        /// functions in it); empty for a method that is not an iterator.
        /// </summary>
        public List<IReturnOperation> Yields(IMethodSymbol method)
        {
            var yields = new List<IReturnOperation>();
            foreach (var body in SourceBodies.GetBodies(method, Compilation, CancellationToken))
            {
                CollectYields(body, yields);
            }

            return yields;
        }

        private static void CollectYields(IOperation operation, List<IReturnOperation> yields)
        {
            foreach (var child in operation.ChildOperations)
            {
                if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    continue;
                }

                if (child is IReturnOperation { Kind: OperationKind.YieldReturn or OperationKind.YieldBreak } yield)
                {
                    yields.Add(yield);
                }

                CollectYields(child, yields);
            }
        }


        private TypeIndex BuildIndex(INamedTypeSymbol type)
        {
            var index = new TypeIndex(Symbols) { Type = type };
            foreach (var member in type.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol method when method.DeclaringSyntaxReferences.Length > 0:
                        foreach (var body in SourceBodies.GetBodies(method, Compilation, CancellationToken))
                        {
                            index.Add(body);
                        }

                        break;
                    case IFieldSymbol field:
                        foreach (var reference in field.DeclaringSyntaxReferences)
                        {
                            if (reference.GetSyntax(CancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer }
                                && SourceBodies.GetOperation(initializer, Compilation, CancellationToken) is { } operation)
                            {
                                index.Add(operation);
                            }
                        }

                        break;
                    case IPropertySymbol property:
                        foreach (var reference in property.DeclaringSyntaxReferences)
                        {
                            if (reference.GetSyntax(CancellationToken) is PropertyDeclarationSyntax { Initializer: { } initializer }
                                && SourceBodies.GetOperation(initializer, Compilation, CancellationToken) is { } operation)
                            {
                                index.Add(operation);
                            }
                        }

                        break;
                }
            }

            return index;
        }
    }
}
