using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using AiLint.Analyzers.Rules.Retry;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiLint.Analyzers.Summaries
{
    /// <summary>
    /// Computes a project's summary entries: its methods other assemblies can call that make an LLM call (directly or
    /// through the project's own methods), that retry a delegate parameter, or that put a string parameter into a
    /// system/instruction slot (<see cref="PromptParameterSummary"/>). Sorted, so the output is deterministic.
    /// </summary>
    internal static class ProjectSummaryBuilder
    {
        /// <param name="compilation">The project's compilation (before generators).</param>
        /// <param name="options">Its options.</param>
        /// <param name="cancellationToken">Cancels the run.</param>
        /// <param name="probe">Counts what is bound and times the phases (benchmark, tests); null in the generator.</param>
        /// <param name="nullableAnalysis">
        /// True binds with the plain semantic models, nullable analysis included where the project enables it; false
        /// (the generator) skips it where Roslyn can (<see cref="SummarySemanticModels"/>). Same entries either way.
        /// </param>
        public static ImmutableArray<SummaryEntry> Build(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken, BindingProbe? probe = null, bool nullableAnalysis = false)
        {
            // Applications are leaves of the project graph (nothing calls their methods from another project), and an
            // assembly without AssemblyMetadataAttribute cannot carry the record.
            if (compilation.Options.OutputKind is not (OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule)
                || compilation.GetTypeByMetadataName(SummaryKeys.AttributeMetadataName) is null)
            {
                return ImmutableArray<SummaryEntry>.Empty;
            }

            // Same gate as the analyzers: where nothing can be an LLM call (no SDK, no [LlmCall], no configured method)
            // there is no wrapper to record. Retry helpers are recorded either way: a shared project of helpers often
            // references no LLM SDK itself.
            LlmCallRecognizer? shared;
            using (probe?.Phase("recognizer gate"))
            {
                shared = LlmCallRecognizer.TryGetCompilationInstance(compilation, options);
            }

            // Bodies are examined only for methods whose name survives the syntactic filter, and in them only the calls
            // whose name does (ProjectCallGraph): this compilation is the one before generation, which the compiler never
            // reuses, so every statement bound here is extra work for the build.
            HashSet<string>? mayCallModel;
            using (probe?.Phase("name filter (syntax)"))
            {
                mayCallModel = shared is null ? null : MayCallModelNames.Compute(compilation, shared.DirectCallNames(), cancellationToken);
            }

            // One model per tree for the declared symbols and the call graph alike.
            var models = new SummarySemanticModels(compilation, nullableAnalysis);
            var recognizer = shared?.WithMayCallNames(mayCallModel!, models, probe);
            RetryContextFinder retries;
            HashSet<INamedTypeSymbol> asyncTypes;
            using (probe?.Phase("retry and async-type symbols"))
            {
                retries = new RetryContextFinder(compilation, new KnownRetrySymbols(compilation), ConfiguredRetryMethods.Read(options, compilation));
                asyncTypes = AsyncTypes(compilation);
            }

            var entries = new List<SummaryEntry>();
            var prompts = new PromptParameterSummary(compilation, models);
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var pipelineFactories = new PipelineFactorySummary(compilation);

            // Declarations first, symbols second: a method can only be recorded when the syntax allows it (its name passed
            // the filter, or it can retry a delegate parameter), and only those methods' symbols and signatures are built.
            // The symbols of this compilation are not the ones the compiler builds after generation, so every symbol
            // created here is extra work for the build.
            foreach (var tree in compilation.SyntaxTrees)
            {
                foreach (var declared in FileSyntaxFacts.Of(tree, cancellationToken).Methods)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var mayCall = mayCallModel is not null && mayCallModel.Contains(declared.Name);
                    var isPartial = declared.Declaration.Modifiers.Any(SyntaxKind.PartialKeyword);

                    // Polly pipeline factories (a declared return type named ResiliencePipeline): recorded when they build
                    // a pipeline without a retry, so a referencing project does not take their pipeline for one.
                    if (pipelineFactories.MayBeFactory(declared.Declaration) && MayBeRecordedOrImplement(declared.Declaration))
                    {
                        using (probe?.Phase("pipeline factories"))
                        {
                            if (models.Get(tree).GetDeclaredSymbol(declared.Declaration, cancellationToken) is { } factory
                                && IsRecordable(factory) && factory.GetDocumentationCommentId() is { } factoryId
                                && pipelineFactories.ReturnsPipelineWithoutRetry(factory, retries.Polly, cancellationToken))
                            {
                                entries.Add(new SummaryEntry(SummaryKeys.PipelineFactory, factoryId + "|" + SummaryKeys.NoRetry));
                            }
                        }
                    }

                    if (!mayCall && !declared.MayRetryParameter && !isPartial)
                    {
                        continue;
                    }

                    // A method that is neither recordable nor able to implement a recordable contract adds nothing, so its
                    // symbol is not built and its body not bound for prompt parameters (private and internal helpers).
                    if (!isPartial && !MayBeRecordedOrImplement(declared.Declaration))
                    {
                        continue;
                    }

                    // The symbol is asked three things: whether it retries a delegate parameter (RetryContextFinder looks at
                    // delegate-typed parameters only), whether it is async-shaped (only then is its body searched for model
                    // calls), and which string parameters reach a prompt slot. When the declaration's types, each bound
                    // alone, rule out the first two and there is no string parameter use, the symbol is not built: building
                    // it builds every member of its type and binds its whole signature, on a compilation the build discards.
                    // (`Add(Order order)` passing its order on, `ChatOptions Build()` calling a factory's Create.)
                    if (!isPartial && !(mayCall && declared.StringParameterUses.Length > 0))
                    {
                        bool needed;
                        using (probe?.Phase("signature types, bound alone"))
                        {
                            needed = (mayCall && MayBeAsyncShaped(declared.Declaration, models.Get(tree), asyncTypes))
                                || (declared.MayRetryParameter && MayHaveDelegateParameter(declared.Declaration, models.Get(tree)));
                        }

                        if (!needed)
                        {
                            continue;
                        }
                    }

                    IMethodSymbol? method;
                    string? id;
                    using (probe?.Phase("declared symbols"))
                    {
                        method = models.Get(tree).GetDeclaredSymbol(declared.Declaration, cancellationToken) is { } symbol
                            ? symbol.PartialDefinitionPart ?? symbol
                            : null;
                        id = method is not null && IsRecordable(method) && seen.Add(method) ? method.GetDocumentationCommentId() : null;
                    }

                    // Prompt parameters are read from every wrapper, recordable or not: an internal implementation of a
                    // public interface decides what the interface's parameter carries.
                    if (method is not null && mayCall && declared.StringParameterUses.Length > 0)
                    {
                        using (probe?.Phase("prompt parameters"))
                        {
                            prompts.Examine(method, declared, tree, cancellationToken);
                        }
                    }

                    if (method is null || id is null)
                    {
                        continue;
                    }

                    // Only delegate parameters are examined, so a method without one costs a look at its parameter list.
                    // A partial method's parts are read apart; the symbol covers both, so it is always asked.
                    if (declared.MayRetryParameter || isPartial)
                    {
                        IReadOnlyList<(int Ordinal, int[]? PerAttempt)> ordinals;
                        using (probe?.Phase("retried parameters"))
                        {
                            ordinals = retries.RetriedParameterOrdinals(method, cancellationToken);
                        }

                        if (ordinals.Count > 0)
                        {
                            entries.Add(new SummaryEntry(SummaryKeys.RetryMethod, id + "|" + SummaryKeys.FormatRetriedParameters(ordinals)));
                        }
                    }

                    // Only methods that can be awaited or enumerated asynchronously: that is how every LLM wrapper looks, and
                    // the filter keeps the bodies bound here to the few that can be one.
                    if (recognizer is not null && mayCall && IsAsyncShaped(method, asyncTypes))
                    {
                        if (probe is not null)
                        {
                            probe.Candidates++;
                        }

                        LlmCall call;
                        using (probe?.Phase("LLM calls (call graph)"))
                        {
                            call = recognizer.Recognize(method, cancellationToken);
                        }

                        if (call.IsLlmCall && call.Sdk is LlmSdk.Project)
                        {
                            var kind = call.Kind == LlmCallKind.Streaming ? SummaryKeys.Streaming : SummaryKeys.Generation;
                            entries.Add(new SummaryEntry(SummaryKeys.LlmCall, id + "|" + kind));
                        }
                    }
                }
            }

            prompts.AddEntries(entries, IsRecordable, cancellationToken);
            // Retry family: methods giving every factory HttpClient a POST-retrying standard handler (HttpDefaultsRetrySummary).
            entries.AddRange(HttpDefaultsRetrySummary.Entries(compilation, IsRecordable, cancellationToken));
            // ... and the keyed Polly pipelines it registers with a visible retry (KeyedRetryPipelineSummary).
            entries.AddRange(KeyedRetryPipelineSummary.Entries(compilation, retries.Polly, cancellationToken));
            // Models family (separate block): the model ids settings properties start with (SettingsModelDefaults).
            entries.AddRange(SettingsModelDefaults.Entries(compilation, cancellationToken));
            // ... the settings keys a raw POST sends as its model, and the server it reaches (RawHttpSettingsModels).
            entries.AddRange(RawHttpSettingsModels.Entries(compilation, cancellationToken));
            // ... and the parameters of public methods and constructors that reach a model slot (ModelParameterSummary).
            using (probe?.Phase("model parameters"))
            {
                entries.AddRange(ModelParameterSummary.Entries(compilation, models, cancellationToken));
            }
            // Tools family (separate block): the tool counts of public static catalogs (Rules/Tools/ToolCatalogSummary).
            entries.AddRange(AiLint.Analyzers.Rules.Tools.ToolCatalogSummary.Entries(compilation, cancellationToken));
            // ... and the public builders that return an MCP server's whole tool list (Rules/Tools/McpListBuilderSummary).
            entries.AddRange(AiLint.Analyzers.Rules.Tools.McpListBuilderSummary.Entries(compilation, cancellationToken));
            // ... and the public Semantic Kernel helpers that fill the kernel they are given from a whole list (KernelCatalogFillerSummary).
            entries.AddRange(AiLint.Analyzers.Rules.Tools.KernelCatalogFillerSummary.Entries(compilation, cancellationToken));

            entries.Sort();
            return entries.ToImmutableArray();
        }

        /// <summary>
        /// Ordinary methods another assembly can call: public or protected members of types reachable from outside.
        /// SDK entry points and annotated methods are left out on purpose: consumers recognise those themselves.
        /// </summary>
        internal static bool IsRecordable(IMethodSymbol method)
        {
            if (method is not { MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false } || !IsVisible(method))
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.ContainingType)
            {
                if (!IsVisible(type))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// False when the declaration shows the method is neither <see cref="IsRecordable"/> nor the implementation of a
        /// contract <see cref="PromptParameterSummary"/> can record: a method of a class, struct or record written without
        /// <c>public</c>, <c>protected</c> or <c>override</c> and without an explicit interface name is private, internal
        /// or private protected (not visible), and C# lets such a method neither implement an interface member nor
        /// override one. Interface members (public by default) and extension blocks are always kept.
        /// </summary>
        private static bool MayBeRecordedOrImplement(MethodDeclarationSyntax declaration)
        {
            if (declaration.ExplicitInterfaceSpecifier is not null
                || declaration.Parent is not (ClassDeclarationSyntax
                    or StructDeclarationSyntax or RecordDeclarationSyntax))
            {
                return true;
            }

            foreach (var modifier in declaration.Modifiers)
            {
                if (modifier.IsKind(SyntaxKind.PublicKeyword) || modifier.IsKind(SyntaxKind.ProtectedKeyword) || modifier.IsKind(SyntaxKind.OverrideKeyword))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// False when the method's return type cannot be one of <paramref name="asyncTypes"/>: a keyword, array, tuple or
        /// pointer type, or a name that, bound alone at the start of the containing type's body, is none of them. Only the
        /// method's own type parameters are out of scope there, and a return type that is one of them is not async-shaped
        /// (a name resolving to one can only differ by being something else outside: kept when that is async, right to
        /// skip when not). Unresolved or unexpected answers keep the method.
        /// </summary>
        private static bool MayBeAsyncShaped(MethodDeclarationSyntax declaration, SemanticModel model, HashSet<INamedTypeSymbol> asyncTypes)
        {
            var returned = declaration.ReturnType is NullableTypeSyntax nullable ? nullable.ElementType : declaration.ReturnType;
            if (returned is PredefinedTypeSyntax or ArrayTypeSyntax or TupleTypeSyntax or PointerTypeSyntax)
            {
                return false;
            }

            if (returned is not NameSyntax || BodyStart(declaration) is not { } position)
            {
                return true;
            }

            var bound = model.GetSpeculativeTypeInfo(position, returned, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
            return bound is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error || asyncTypes.Contains(named.OriginalDefinition);
        }

        /// <summary>The position just inside the body of the method's class, struct, record or interface; null elsewhere (extension blocks, broken code).</summary>
        private static int? BodyStart(MethodDeclarationSyntax declaration) =>
            declaration.Parent is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax or InterfaceDeclarationSyntax
            && declaration.Parent is TypeDeclarationSyntax { OpenBraceToken: { IsMissing: false } openBrace }
                ? openBrace.Span.End
                : null;

        /// <summary>
        /// False when no parameter of the method can have a delegate type. Only a parameter whose type is written as a
        /// name (possibly nullable) can; each such type is bound alone, as a type, at the start of the containing type's
        /// body. There every name means what it means in the parameter list, except the method's own type parameters,
        /// which are never delegates: a name that resolves to one in the parameter list gives a non-delegate answer, and
        /// here either the same or a type outside (a delegate there only keeps the method). An unresolved or
        /// unexpected answer keeps the method too.
        /// </summary>
        private static bool MayHaveDelegateParameter(MethodDeclarationSyntax declaration, SemanticModel model)
        {
            if (BodyStart(declaration) is not { } position)
            {
                return true;
            }

            foreach (var parameter in declaration.ParameterList.Parameters)
            {
                var type = parameter.Type is NullableTypeSyntax nullable ? nullable.ElementType : parameter.Type;
                if (type is not NameSyntax)
                {
                    // Keywords, arrays, tuples, pointers and function pointers are never delegate types.
                    continue;
                }

                var bound = model.GetSpeculativeTypeInfo(position, type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
                if (bound is null || bound.TypeKind is TypeKind.Delegate or TypeKind.Error)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsVisible(ISymbol symbol) =>
            symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal;

        /// <summary>Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt; and IAsyncEnumerable&lt;T&gt;, as the compilation resolves them.</summary>
        private static HashSet<INamedTypeSymbol> AsyncTypes(Compilation compilation)
        {
            var types = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in new[]
            {
                "System.Threading.Tasks.Task", "System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask",
                "System.Threading.Tasks.ValueTask`1", "System.Collections.Generic.IAsyncEnumerable`1",
            })
            {
                if (compilation.GetTypeByMetadataName(name) is { } type)
                {
                    types.Add(type);
                }
            }

            return types;
        }

        private static bool IsAsyncShaped(IMethodSymbol method, HashSet<INamedTypeSymbol> asyncTypes) =>
            method.ReturnType is INamedTypeSymbol type && asyncTypes.Contains(type.OriginalDefinition);
    }
}
