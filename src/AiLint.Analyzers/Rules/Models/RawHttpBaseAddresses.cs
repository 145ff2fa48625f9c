using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// Whether a raw POST to a relative URL (<c>PostAsJsonAsync("chat/completions", body)</c>) goes to OpenAI's host:
    /// every base address its client can have names <c>api.openai.com</c> (or, for the LLM-call recognition of a relative
    /// path, every one names <c>api.anthropic.com</c>: <see cref="HostOf"/>) (<see cref="BaseAddressValues"/> reads each
    /// value: a literal, a settings property's default or configured value, a configuration read with its default).
    /// Where the base addresses come from:
    /// <list type="bullet">
    /// <item>the posting type's own <c>BaseAddress = ...</c> assignments, when it has any (they override the rest);</item>
    /// <item>otherwise the client's origin, followed through locals, fields and properties: an <c>HttpClient</c> created
    /// in view (its initializer and the <c>holder.BaseAddress = ...</c> writes); <c>factory.CreateClient("openai")</c>,
    /// configured by the <c>AddHttpClient("openai", ...)</c> registrations of that name; a constructor parameter, which
    /// the project fills through <c>AddHttpClient&lt;T&gt;(...)</c> registrations of the type (a typed client) and through
    /// every <c>new T(...)</c> or <c>: base(...)</c> that passes it.</item>
    /// </list>
    /// A registration's base addresses are those its configuring lambdas (or the project method they name) assign;
    /// <c>ConfigureHttpClientDefaults</c> and registrations the code cannot tie to a client count for every client. An
    /// origin the code does not show (a method's parameter, a call's result), a message handler of the project's own
    /// that may send the request elsewhere (<see cref="MayRewrite"/>), or a configuring lambda that hands the client to a
    /// method outside the project makes the answer "no", as does a client with no base address at all. Shapes from
    /// review57's census (barreto-exe/CronometerLogMealApi, wilsongomes-swe/demo-httpclient-factory) and public code
    /// (typed clients with a literal base in Program.cs, <c>config["OpenAI:BaseUrl"] ?? "https://api.openai.com/v1/"</c>,
    /// <c>CreateClient("openai")</c> posting <c>v1/chat/completions</c>).
    /// </summary>
    internal sealed partial class RawHttpBaseAddresses
    {
        private const int MaxDepth = 8;

        // The reading of a compilation prepared with its settings files (Prepare), and, apart, one made without them for a
        // caller that asks first: a prepared reading is never replaced by one that reads no settings.
        private static readonly ConditionalWeakTable<Compilation, RawHttpBaseAddresses> PerCompilation =
            new ConditionalWeakTable<Compilation, RawHttpBaseAddresses>();

        private static readonly ConditionalWeakTable<Compilation, RawHttpBaseAddresses> Unprepared =
            new ConditionalWeakTable<Compilation, RawHttpBaseAddresses>();

        private readonly Compilation compilation;
        private readonly KnownModelSymbols symbols;
        private readonly BaseAddressValues values;
        private readonly INamedTypeSymbol? requestMessage;
        private readonly ImmutableArray<AdditionalText> settingsFiles = ImmutableArray<AdditionalText>.Empty;
        private readonly ConcurrentDictionary<ITypeSymbol, bool> rewritingHandlers = new ConcurrentDictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, List<ImmutableArray<IArgumentOperation>>> constructorCalls =
            new ConcurrentDictionary<IMethodSymbol, List<ImmutableArray<IArgumentOperation>>>(SymbolEqualityComparer.Default);

        private RawHttpBaseAddresses(Compilation compilation, KnownModelSymbols symbols, ImmutableArray<AdditionalText>? settingsFiles)
            : this(compilation, symbols, new BaseAddressValues(compilation, symbols, settingsFiles))
        {
            if (settingsFiles is { } files)
            {
                this.settingsFiles = files;

                // As BaseAddressValues reads them: shared by every analyzer that asks, so not the first asker's token.
                settingValues = new Lazy<Dictionary<string, List<string>>>(() => ConfigurationModelIds.StringValues(files, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }

        private RawHttpBaseAddresses(Compilation compilation, KnownModelSymbols symbols, BaseAddressValues values)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            this.values = values;
            requestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
        }

        /// <summary>
        /// The host every base address of <paramref name="post"/>'s client would be on if a referencing host's settings
        /// files held <paramref name="hostValues"/> (by key, any section), as <see cref="HostOf"/> reads it; the keys the
        /// answer read go to <paramref name="askedKeys"/>. A fresh, uncached reading: for the project summary only.
        /// </summary>
        internal static LlmHost HostWithHostSettings(IInvocationOperation post, Compilation compilation, KnownModelSymbols symbols, Dictionary<string, List<string>> hostValues, HashSet<string> askedKeys, CancellationToken cancellationToken) =>
            new RawHttpBaseAddresses(compilation, symbols, new BaseAddressValues(compilation, symbols, hostValues, askedKeys)).Decide(post, cancellationToken);

        /// <summary>
        /// Prepares the reading for a compilation at its start, with the analyzer's AdditionalFiles: settings values are
        /// read from their <c>appsettings*.json</c> files. A compilation not prepared so reads no settings file, and a
        /// value that depends on settings is then not known. The Models analyzer and the LLM-call recognizer
        /// (<see cref="LlmCallRecognizer"/>, for the retry rules) prepare it; the first one's reading is kept.
        /// </summary>
        public static void Prepare(Compilation compilation, KnownModelSymbols symbols, ImmutableArray<AdditionalText> settingsFiles) =>
            PerCompilation.GetValue(compilation, c => new RawHttpBaseAddresses(c, symbols, settingsFiles));

        /// <summary>As <see cref="Prepare(Compilation, KnownModelSymbols, ImmutableArray{AdditionalText})"/>, resolving the symbols only when not prepared yet.</summary>
        public static void Prepare(Compilation compilation, ImmutableArray<AdditionalText> settingsFiles) =>
            PerCompilation.GetValue(compilation, c => new RawHttpBaseAddresses(c, KnownModelSymbols.Create(c), settingsFiles));

        /// <summary>
        /// The settings files the compilation's reading was prepared with (<see cref="Prepare(Compilation, ImmutableArray{AdditionalText})"/>),
        /// none before it is: the files a configured URL is read from, which the LLM-call prefilter also scans
        /// (<see cref="LlmEndpoints.MayAppearInSource"/>).
        /// </summary>
        public static ImmutableArray<AdditionalText> SettingsFiles(Compilation compilation) =>
            PerCompilation.TryGetValue(compilation, out var prepared) ? prepared.settingsFiles : ImmutableArray<AdditionalText>.Empty;

        /// <summary>Whether every base address the client of <paramref name="post"/> can have is on OpenAI's host.</summary>
        public static bool AllOpenAI(IInvocationOperation post, Compilation compilation, KnownModelSymbols symbols, CancellationToken cancellationToken) =>
            For(compilation, symbols).Decide(post, cancellationToken) == LlmHost.OpenAI;

        /// <summary>
        /// The provider host (<see cref="LlmEndpoints.HostOf"/>) every base address the client of <paramref name="post"/>
        /// can have is on, by the same reading as <see cref="AllOpenAI"/>; <see cref="LlmHost.None"/> when one is not known
        /// or the client has none. For the LLM-call recognition of a POST to a relative path (<see cref="RawHttpLlmCalls"/>).
        /// </summary>
        public static LlmHost HostOf(IInvocationOperation post, Compilation compilation, CancellationToken cancellationToken) =>
            For(compilation, null).Decide(post, cancellationToken);

        private static RawHttpBaseAddresses For(Compilation compilation, KnownModelSymbols? symbols) =>
            PerCompilation.TryGetValue(compilation, out var prepared)
                ? prepared
                : Unprepared.GetValue(compilation, c => new RawHttpBaseAddresses(c, symbols ?? KnownModelSymbols.Create(c), (ImmutableArray<AdditionalText>?)null));

        private LlmHost Decide(IInvocationOperation post, CancellationToken cancellationToken)
        {
            if (SourcesOf(post, cancellationToken) is not { } sources)
            {
                return LlmHost.None;
            }

            // Every source names one host, the same one.
            var host = LlmHost.None;
            foreach (var source in sources)
            {
                var named = source == null ? LlmHost.None : values.HostOf(source, cancellationToken);
                if (named == LlmHost.None || (host != LlmHost.None && named != host))
                {
                    return LlmHost.None;
                }

                host = named;
            }

            return host;
        }

        /// <summary>
        /// The values the base address of <paramref name="post"/>'s client can be given (null inside: one the code does
        /// not show): the posting type's own assignments when it has any, else the client's origins. Null when the post
        /// has no client the code shows.
        /// </summary>
        private List<IOperation?>? SourcesOf(IInvocationOperation post, CancellationToken cancellationToken)
        {
            var sources = new List<IOperation?>();
            if (post.SemanticModel?.GetEnclosingSymbol(post.Syntax.SpanStart, cancellationToken)?.ContainingType is { } type)
            {
                AddOwnAssignments(type, sources, cancellationToken);
            }

            if (sources.Count == 0)
            {
                if (OperationValues.Receiver(post) is not { } client)
                {
                    return null;
                }

                AddClientSources(client, sources, new HashSet<ISymbol>(SymbolEqualityComparer.Default), 0, cancellationToken);
            }

            return sources;
        }

        /// <summary>
        /// The posting type's <c>BaseAddress = ...</c> assignments (<c>_http.BaseAddress = ...</c> in its constructor,
        /// <c>new HttpClient { BaseAddress = ... }</c>): read by name, whichever client they set.
        /// </summary>
        private void AddOwnAssignments(INamedTypeSymbol type, List<IOperation?> sources, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var assignment in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    var name = assignment.Left switch
                    {
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                    if (name == "BaseAddress")
                    {
                        sources.Add(SourceBodies.GetOperation(assignment.Right, compilation, cancellationToken));
                    }
                }
            }
        }

        /// <summary>Adds the base addresses <paramref name="client"/> can have; null for one the code does not show.</summary>
        private void AddClientSources(IOperation client, List<IOperation?> sources, HashSet<ISymbol> visited, int depth, CancellationToken cancellationToken)
        {
            if (depth > MaxDepth)
            {
                sources.Add(null);
                return;
            }

            switch (OperationValues.Unwrap(client))
            {
                case IObjectCreationOperation creation when symbols.IsHttpClient(creation.Type):
                    AddCreated(creation, sources, cancellationToken);
                    break;

                case ILocalReferenceOperation { Local: var local }:
                    AddHeld(local, WrittenValues.Of(local, compilation, cancellationToken).ToList(), sources, visited, depth, cancellationToken);
                    break;

                case IFieldReferenceOperation { Field: var field } when field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private:
                    AddHeld(field, WrittenValues.Of(field, compilation, cancellationToken).ToList(), sources, visited, depth, cancellationToken);
                    break;

                case IPropertyReferenceOperation { Property: { IsIndexer: false } property }
                        when property.SetMethod == null || property.SetMethod.DeclaredAccessibility == Accessibility.Private:
                    if (!visited.Add(property))
                    {
                        return;
                    }

                    var written = SourcePropertyValues.Of(property, compilation, cancellationToken).ToList();
                    if (written.Count == 0)
                    {
                        sources.Add(null);
                    }

                    foreach (var value in written)
                    {
                        AddClientSources(value, sources, visited, depth + 1, cancellationToken);
                    }

                    break;

                case IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } constructor } parameter }:
                    if (visited.Add(parameter))
                    {
                        AddTypedClientSources(constructor, parameter, sources, visited, depth, cancellationToken);
                    }

                    break;

                case IInvocationOperation invocation when symbols.IsHttpClientFactoryCreate(invocation.TargetMethod):
                    // factory.CreateClient("openai"); CreateClient() is the default (empty) name.
                    var nameArgument = invocation.Arguments.FirstOrDefault(argument => argument.Parameter?.Name == "name");
                    if ((nameArgument == null ? string.Empty : nameArgument.Value.ConstantValue.Value as string) is not { } name)
                    {
                        sources.Add(null);
                        return;
                    }

                    AddRegistrationSources(registration => registration.Matches(name), sources, cancellationToken);
                    break;

                default:
                    sources.Add(null);
                    break;
            }
        }

        // new HttpClient(handler) { BaseAddress = ... }: a handler of the project's own may rewrite the URL.
        private void AddCreated(IObjectCreationOperation creation, List<IOperation?> sources, CancellationToken cancellationToken)
        {
            if (creation.Arguments.Any(argument => argument.Value.DescendantsAndSelf().Any(operation => operation is IObjectCreationOperation nested && MayRewrite(nested.Type, cancellationToken))))
            {
                sources.Add(null);
            }

            foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BaseAddress" } } assignment)
                {
                    sources.Add(assignment.Value);
                }
            }
        }

        // A local or field: every value written to it, and every `holder.BaseAddress = ...`.
        private void AddHeld(ISymbol holder, List<IOperation> writes, List<IOperation?> sources, HashSet<ISymbol> visited, int depth, CancellationToken cancellationToken)
        {
            if (!visited.Add(holder))
            {
                return;
            }

            if (writes.Count == 0)
            {
                sources.Add(null);
            }

            foreach (var written in writes)
            {
                AddClientSources(written, sources, visited, depth + 1, cancellationToken);
            }

            foreach (var (property, value) in WrittenValues.MembersSetOn(holder, compilation, cancellationToken))
            {
                if (property == "BaseAddress")
                {
                    sources.Add(value);
                }
            }
        }
    }
}
