using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>How AIL0001's fixer stops an HTTP resilience handler from retrying POSTs.</summary>
    internal static class HttpRetryFixKinds
    {
        /// <summary><c>AddStandardResilienceHandler()</c> → <c>AddStandardResilienceHandler(o => o.Retry.DisableForUnsafeHttpMethods())</c>.</summary>
        public const string AddConfigureLambda = nameof(AddConfigureLambda);

        /// <summary>Append <c>o.Retry.DisableForUnsafeHttpMethods();</c> to the options lambda already passed.</summary>
        public const string AppendToConfigureLambda = nameof(AppendToConfigureLambda);
    }

    /// <summary>An HTTP resilience handler that retries the requests of an HttpClient used for LLM calls.</summary>
    internal sealed class HttpRetryFinding
    {
        public HttpRetryFinding(string client, string handler, string? fixKind)
        {
            Client = client;
            Handler = handler;
            FixKind = fixKind;
        }

        /// <summary>How the message names the LLM client: a typed client's name, or <c>HttpClient "name"</c>.</summary>
        public string Client { get; }

        public string Handler { get; }

        public string? FixKind { get; }
    }

    /// <summary>
    /// <c>services.AddHttpClient(...).AddStandardResilienceHandler()</c> and <c>AddResilienceHandler(..., b =&gt;
    /// b.AddRetry(...))</c> (Microsoft.Extensions.Http.Resilience). Their retry strategy (<c>HttpRetryStrategyOptions</c>)
    /// re-sends any request, POST included, on 5xx, 408, 429, timeouts and connection errors, unless the options call
    /// <c>DisableForUnsafeHttpMethods()</c> / <c>DisableFor(...)</c>. For an HttpClient that sends generation requests
    /// that is a retried LLM call, reported at the registration (the only place the code shows the retry).
    /// </summary>
    /// <remarks>
    /// Precision first: only registrations whose builder chain starts at a visible <c>AddHttpClient</c> whose typed or
    /// named client is demonstrably used for LLM calls (<see cref="HttpClientLlmUse"/>); not when the options come from
    /// configuration or a method of another assembly, give the retry a <c>ShouldHandle</c> that does not visibly admit a
    /// failure after processing (<see cref="ProcessedFailurePredicates"/>: 429-only, which is safe, or unreadable), set
    /// <c>MaxRetryAttempts = 0</c>, or disable retries for some methods. A configuring method group of the project is
    /// read like a lambda (getcellm/cellm: <c>AddResilienceHandler(name, configurator.ConfigureResiliencePipeline)</c>), and a
    /// project helper the standard options are handed to is read one level deep (<see cref="StandardOptionsHelpers"/>,
    /// Zonit/Zonit.Extensions.Ai: <c>.Configure((o, sp) =&gt; ConfigureResilience(o, settings))</c>). A handler added in
    /// <c>ConfigureHttpClientDefaults(b =&gt; ...)</c> applies to every client of the factory: it is reported only when
    /// some factory client of the compilation is demonstrably used for LLM calls (the Aspire service-defaults template
    /// alone, with no LLM client in view, is not). Microsoft.Extensions.Http.Polly's <c>AddTransientHttpErrorPolicy</c> /
    /// <c>AddPolicyHandler</c> go through the same client checks; <see cref="HttpPolicyRetries"/> decides whether their
    /// policy retries POSTs (no fix is offered for them). A bare standard handler whose options the project configures
    /// elsewhere through the options system (<c>ConfigureAll&lt;HttpStandardResilienceOptions&gt;</c>, the handler's
    /// named options "{client}-standard", ...) is silent unless that configuration visibly leaves POST retries on
    /// (<see cref="StandardResilienceOptionsConfigurations"/>).
    /// </remarks>
    internal sealed class HttpResilienceRetries
    {
        private const int MaxChain = 16;

        private readonly INamedTypeSymbol? resilienceExtensions;
        private readonly INamedTypeSymbol? pollyExtensions;
        private readonly HttpPolicyRetries pollyPolicies;
        private readonly INamedTypeSymbol? httpClientFactoryExtensions;
        private readonly INamedTypeSymbol? httpClientBuilderExtensions;
        private readonly INamedTypeSymbol? configurationSection;
        private readonly HttpClientLlmUse llmUse;
        private readonly Compilation compilation;
        private readonly ProcessedFailurePredicates predicates;
        private readonly StandardResilienceOptionsConfigurations? optionsElsewhere;
        private readonly INamedTypeSymbol? standardOptions;
        private readonly Summaries.ReferencedSummaries referenced;

        private HttpResilienceRetries(Compilation compilation, KnownRetrySymbols symbols, INamedTypeSymbol? resilienceExtensions, INamedTypeSymbol? pollyExtensions, HttpClientLlmUse llmUse)
        {
            optionsElsewhere = StandardResilienceOptionsConfigurations.TryCreate(compilation, symbols);
            standardOptions = symbols.HttpStandardResilienceOptions;
            referenced = Summaries.ReferencedSummaries.For(compilation);
            this.resilienceExtensions = resilienceExtensions;
            this.pollyExtensions = pollyExtensions;
            pollyPolicies = new HttpPolicyRetries(compilation);
            this.llmUse = llmUse;
            this.compilation = compilation;
            predicates = new ProcessedFailurePredicates(compilation);
            httpClientFactoryExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions");
            httpClientBuilderExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.HttpClientBuilderExtensions");
            configurationSection = compilation.GetTypeByMetadataName("Microsoft.Extensions.Configuration.IConfigurationSection");
        }

        /// <summary>
        /// Null (and no cost) when the compilation references neither Microsoft.Extensions.Http.Resilience nor
        /// Microsoft.Extensions.Http.Polly (whose handlers <see cref="HttpPolicyRetries"/> reads).
        /// </summary>
        public static HttpResilienceRetries? TryCreate(Compilation compilation, KnownRetrySymbols symbols)
        {
            var resilience = symbols.ResilienceHttpClientBuilderExtensions;
            var polly = symbols.PollyHttpClientBuilderExtensions;
            return (resilience is not null || polly is not null || Summaries.ReferencedSummaries.For(compilation).HasHttpDefaultsRetries)
                && HttpClientLlmUse.TryCreate(compilation) is { } llmUse
                ? new HttpResilienceRetries(compilation, symbols, resilience, polly, llmUse)
                : null;
        }

        public HttpRetryFinding? Analyze(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            if (referenced.HasHttpDefaultsRetries && referenced.ConfiguresRetryingHttpDefaults(method))
            {
                return ReferencedDefaults(method, cancellationToken);
            }

            if (pollyExtensions is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, pollyExtensions))
            {
                // No fix: a Polly policy has no "not for POST" switch; the key or a selector is the user's call.
                return method.Name is "AddTransientHttpErrorPolicy" or "AddPolicyHandler"
                    && pollyPolicies.RetriesPosts(invocation, cancellationToken)
                    && LlmClient(invocation, out _, cancellationToken) is { } pollyClient
                        ? new HttpRetryFinding(pollyClient, method.Name, null)
                        : null;
            }

            if (resilienceExtensions is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, resilienceExtensions))
            {
                return null;
            }

            string? fixKind;
            switch (method.Name)
            {
                case "AddStandardResilienceHandler":
                    if (!StandardHandlerRetriesPosts(invocation, out fixKind, cancellationToken))
                    {
                        return null;
                    }

                    break;
                case "AddResilienceHandler":
                    fixKind = null;
                    if (!CustomHandlerRetriesPosts(invocation, cancellationToken))
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            if (LlmClient(invocation, out var clientName, cancellationToken) is not { } client)
            {
                return null;
            }

            // `services.ConfigureAll<HttpStandardResilienceOptions>(...)` and the like also configure this handler's options.
            if (method.Name == "AddStandardResilienceHandler" && optionsElsewhere is not null
                && optionsElsewhere.LeavesPostRetriesUnknown(clientName, (body, options) => LeavesPostRetriesOn(body, new[] { options }, cancellationToken)))
            {
                return null;
            }

            return new HttpRetryFinding(client, method.Name, fixKind);
        }

        /// <summary>
        /// Library side of <see cref="Summaries.SummaryKeys.HttpDefaultsRetry"/>: <paramref name="invocation"/> is an
        /// <c>AddStandardResilienceHandler</c> on the builder of <c>ConfigureHttpClientDefaults</c> whose options leave
        /// POST retries on, and no configuration of the options system in this project turns them off or hides them.
        /// The same checks as the handler reported in one project, without the LLM client (the app shows that).
        /// </summary>
        public bool DefaultsHandlerRetriesPosts(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            return resilienceExtensions is not null && method.Name == "AddStandardResilienceHandler"
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, resilienceExtensions)
                && OnDefaultsBuilder(invocation)
                && StandardHandlerRetriesPosts(invocation, out _, cancellationToken)
                && (optionsElsewhere is null || !optionsElsewhere.LeavesPostRetriesUnknown(null, (body, options) => LeavesPostRetriesOn(body, new[] { options }, cancellationToken)));
        }

        /// <summary>
        /// App side: a call of a referenced method recorded as configuring the factory's defaults with a POST-retrying
        /// standard handler (<c>builder.AddServiceDefaults()</c>), read like the <c>ConfigureHttpClientDefaults</c> call it
        /// makes: reported when some factory client of this compilation is demonstrably used for LLM calls (and none has
        /// its handlers removed), unless this project configures the standard options itself.
        /// </summary>
        private HttpRetryFinding? ReferencedDefaults(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (llmUse.AnyFactoryClientUsedForLlm(cancellationToken) is not { } client
                || (optionsElsewhere is not null && optionsElsewhere.LeavesPostRetriesUnknown(null, (body, options) => LeavesPostRetriesOn(body, new[] { options }, cancellationToken))))
            {
                return null;
            }

            return new HttpRetryFinding(client, method.ContainingType.Name + "." + method.Name + " (AddStandardResilienceHandler in ConfigureHttpClientDefaults)", null);
        }

        /// <summary>The handler's builder chain starts at the builder parameter of a <c>ConfigureHttpClientDefaults</c> lambda.</summary>
        private bool OnDefaultsBuilder(IInvocationOperation invocation)
        {
            var current = ValueOrigins.Receiver(invocation);
            for (var depth = 0; current is not null && depth < MaxChain; depth++)
            {
                current = Unwrap(current);
                switch (current)
                {
                    case ILocalReferenceOperation local:
                        current = ValueOrigins.LocalValue(local);
                        continue;
                    case IParameterReferenceOperation parameter:
                        return IsDefaultsBuilder(parameter);
                    case IInvocationOperation call when call.Type?.Name == "IHttpClientBuilder"
                        && SymbolEqualityComparer.Default.Equals(call.Type, ValueOrigins.Receiver(call)?.Type)
                        && (call.TargetMethod.ReducedFrom ?? call.TargetMethod).Name is not ("AddHttpClient" or "AddTypedClient"):
                        current = ValueOrigins.Receiver(call);
                        continue;
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary>The standard handler retries POSTs unless its options (argument or a chained <c>Configure</c>) say otherwise.</summary>
        private bool StandardHandlerRetriesPosts(IInvocationOperation invocation, out string? fixKind, CancellationToken cancellationToken)
        {
            fixKind = null;
            var configure = ConfigureBodies(invocation, out var unknown, cancellationToken);
            if (unknown || configure.Any(c => !LeavesPostRetriesOn(c.Body, cancellationToken)))
            {
                return false;
            }

            var arguments = invocation.Arguments.Where(a => a.Parameter?.Ordinal > 0 && a.ArgumentKind == ArgumentKind.Explicit).ToList();
            if (arguments.Count == 0)
            {
                fixKind = configure.Count == 0 ? HttpRetryFixKinds.AddConfigureLambda : null;
            }
            else if (arguments.Count == 1 && configure.Count == 1 && Unwrap(arguments[0].Value) is IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 })
            {
                fixKind = HttpRetryFixKinds.AppendToConfigureLambda;
            }

            return true;
        }

        /// <summary>
        /// <c>AddResilienceHandler(name, b =&gt; b.AddRetry(new HttpRetryStrategyOptions { ... }))</c> with visible options,
        /// also when the configuring method is a method group of the project (<c>AddResilienceHandler(name, Configure)</c>).
        /// </summary>
        private bool CustomHandlerRetriesPosts(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var delegates = ConfigureBodies(invocation, out var unknown, cancellationToken);
            var configure = delegates.Select(d => d.Body)
                .Concat(delegates.Where(d => d.IsLambda).SelectMany(d => HelpersGivenTheBuilder(d, cancellationToken)))
                .ToList();
            if (unknown || configure.Count == 0 || configure.Any(c => StopsPostRetries(c, cancellationToken)))
            {
                return false;
            }

            var retries = configure.SelectMany(c => c.Descendants()).OfType<IInvocationOperation>()
                .Where(i => i.TargetMethod.Name == "AddRetry" && i.TargetMethod.ContainingNamespace?.ToDisplayString() == "Polly")
                .ToList();

            // Every retry's options are created right there (nothing hidden in a variable or a method).
            return retries.Count > 0 && retries.All(r => r.Arguments.Any(a => a.Parameter?.Ordinal == 1 && Unwrap(a.Value) is IObjectCreationOperation));
        }

        /// <summary>
        /// The bodies configuring the handler: its own delegate arguments and those of <c>Configure</c> calls chained on
        /// its result, a lambda or a method group of the project (<see cref="ConfigureMethodBody"/>).
        /// <paramref name="unknown"/>: configuration AiLint cannot read (an <c>IConfigurationSection</c>, a method in
        /// another assembly or a virtual one, a variable).
        /// </summary>
        private List<ConfigureDelegate> ConfigureBodies(IInvocationOperation invocation, out bool unknown, CancellationToken cancellationToken)
        {
            unknown = false;
            var lambdas = new List<ConfigureDelegate>();
            IOperation current = invocation;
            for (var depth = 0; depth < MaxChain; depth++)
            {
                foreach (var argument in ((IInvocationOperation)current).Arguments)
                {
                    if (argument.Parameter is not { Ordinal: > 0 } parameter || argument.ArgumentKind != ArgumentKind.Explicit)
                    {
                        continue;
                    }

                    if (KnownRetrySymbols.IsOrInherits(parameter.Type, configurationSection))
                    {
                        unknown = true;
                    }
                    else if (parameter.Type.TypeKind == TypeKind.Delegate)
                    {
                        var configure = Unwrap(argument.Value);
                        if (configure is IAnonymousFunctionOperation lambda)
                        {
                            lambdas.Add(new ConfigureDelegate(lambda.Body, lambda.Symbol.Parameters.FirstOrDefault(), isLambda: true));
                        }
                        else if (configure is IMethodReferenceOperation reference && ConfigureMethodBody(reference.Method, cancellationToken) is { } body)
                        {
                            lambdas.Add(new ConfigureDelegate(body, null, isLambda: false));
                        }
                        else
                        {
                            unknown = true;
                        }
                    }
                }

                // `.AddStandardResilienceHandler().Configure(o => ...)`: the chained call takes our result as its receiver.
                if (current.Parent is IArgumentOperation { Parameter.Ordinal: 0, Parent: IInvocationOperation { TargetMethod.IsExtensionMethod: true } next }
                    && next.TargetMethod.Name == "Configure")
                {
                    current = next;
                    continue;
                }

                break;
            }

            return lambdas;
        }

        /// <summary>
        /// The configuration disables retries of unsafe methods, gives the retry a predicate that does not visibly admit
        /// a failure after processing (429 only, or one AiLint cannot read), or turns retries off. The
        /// <c>ShouldHandle</c> of another strategy (a circuit breaker's) says nothing about what is retried.
        /// </summary>
        private bool StopsPostRetries(IOperation body, CancellationToken cancellationToken) => body.Descendants().Any(o => o switch
        {
            IInvocationOperation { TargetMethod.Name: "DisableForUnsafeHttpMethods" or "DisableFor" } => true,
            IAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ShouldHandle" } target } assignment =>
                IsRetryOption(target.Property) && !predicates.AdmitsProcessedFailure(assignment.Value, cancellationToken),
            IAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxRetryAttempts" } } assignment => ValueOrigins.ConstantInt(assignment.Value) == 0,
            // `o.Retry = someOptions`: options built elsewhere.
            IAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Retry" } } => true,
            _ => false,
        });

        /// <summary>
        /// The body visibly leaves POST retries on: every use of the standard options it configures is a property read
        /// or write, in the body or in a project helper it hands them (or their <c>Retry</c>) to, one level deep
        /// (<see cref="StandardOptionsHelpers"/>), and nothing there stops POST retries. False when the options go to code
        /// AiLint does not read (<c>o =&gt; config.GetSection("Resilience").Bind(o)</c>, a virtual <c>Tune(o.Retry)</c>, a
        /// helper handing them on again): what that code sets is unknown.
        /// </summary>
        private bool LeavesPostRetriesOn(IOperation body, CancellationToken cancellationToken) =>
            LeavesPostRetriesOn(
                body,
                standardOptions is null ? Enumerable.Empty<IParameterSymbol>()
                    : body.Descendants().OfType<IParameterReferenceOperation>()
                        .Select(r => r.Parameter)
                        .Where(p => KnownRetrySymbols.Is(p.Type, standardOptions))
                        .Distinct<IParameterSymbol>(SymbolEqualityComparer.Default),
                cancellationToken);

        private bool LeavesPostRetriesOn(IOperation body, IEnumerable<IParameterSymbol> options, CancellationToken cancellationToken)
        {
            var bodies = new List<IOperation> { body };
            foreach (var parameter in options)
            {
                if (StandardOptionsHelpers.HelperBodies(body, parameter, method => ConfigureMethodBody(method, cancellationToken)) is not { } helpers)
                {
                    return false;
                }

                bodies.AddRange(helpers);
            }

            return !bodies.Any(b => StopsPostRetries(b, cancellationToken));
        }

        /// <summary>
        /// The body of a method passed as a method group (<c>AddResilienceHandler(name, configurator.Configure)</c>): read
        /// like a lambda when the method is declared, with one body, in this project and cannot be overridden. A method of
        /// another assembly, an abstract, virtual or partial-without-body one is unknown (null).
        /// </summary>
        private IOperation? ConfigureMethodBody(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.IsAbstract || method.IsVirtual || method.IsOverride && !method.IsSealed
                || method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
                || !LlmCalls.SourceBodies.IsInSource(method, compilation))
            {
                return null;
            }

            var bodies = LlmCalls.SourceBodies.GetBodies(method, compilation, cancellationToken).ToList();
            return bodies.Count == 1 ? bodies[0] : null;
        }

        /// <summary>
        /// The bodies of project methods the lambda hands its builder or options to
        /// (<c>(p, ctx) =&gt; ConfigureResiliencePipeline(p, ctx, timeout)</c>): what they add is added to this handler.
        /// One level only; a helper that cannot be read adds nothing (as before).
        /// </summary>
        private IEnumerable<IOperation> HelpersGivenTheBuilder(ConfigureDelegate lambda, CancellationToken cancellationToken)
        {
            if (lambda.First is not { } builder)
            {
                yield break;
            }

            foreach (var call in lambda.Body.Descendants().OfType<IInvocationOperation>())
            {
                if (call.Arguments.Any(a => ValueOrigins.Unwrap(a.Value) is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, builder))
                    && ConfigureMethodBody(call.TargetMethod, cancellationToken) is { } body)
                {
                    yield return body;
                }
            }
        }

        /// <summary>A property declared by Polly's retry options (<c>RetryStrategyOptions&lt;T&gt;</c>, which <c>HttpRetryStrategyOptions</c> derives from).</summary>
        private static bool IsRetryOption(IPropertySymbol property) =>
            property.ContainingType?.ContainingNamespace?.ToDisplayString() is not { } ns || ns == "Polly.Retry";

        /// <summary>
        /// The typed or named client the builder chain registers, when it is demonstrably used for LLM calls.
        /// <paramref name="clientName"/>: the factory's name for it (<c>IHttpClientBuilder.Name</c>), null when AiLint cannot
        /// resolve it or for the handler of every client (<c>ConfigureHttpClientDefaults</c>).
        /// </summary>
        private string? LlmClient(IInvocationOperation invocation, out string? clientName, CancellationToken cancellationToken)
        {
            clientName = null;
            var typed = new List<ITypeSymbol>();
            var current = ValueOrigins.Receiver(invocation);
            for (var depth = 0; current is not null && depth < MaxChain; depth++)
            {
                current = Unwrap(current);
                if (current is ILocalReferenceOperation local)
                {
                    current = ValueOrigins.LocalValue(local);
                    continue;
                }

                if (current is IParameterReferenceOperation parameter)
                {
                    // `ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler())`: every factory client.
                    return typed.Count == 0 && IsDefaultsBuilder(parameter) ? llmUse.AnyFactoryClientUsedForLlm(cancellationToken) : null;
                }

                if (current is not IInvocationOperation call)
                {
                    return null;
                }

                var target = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                if (SymbolEqualityComparer.Default.Equals(target.ContainingType, httpClientFactoryExtensions) && target.Name == "AddHttpClient")
                {
                    // AddHttpClient<TClient, TImplementation>: the implementation holds the HttpClient.
                    if (call.TargetMethod.TypeArguments.Length > 0)
                    {
                        typed.Add(call.TargetMethod.TypeArguments[call.TargetMethod.TypeArguments.Length - 1]);
                    }

                    var nameArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name" && a.ArgumentKind == ArgumentKind.Explicit);
                    var name = nameArgument is null ? null : ValueOrigins.ConstantString(nameArgument.Value);

                    // Without a name, AddHttpClient<TClient>() names the client after TClient (its short name; a generic
                    // type's display name is left unresolved).
                    clientName = nameArgument is not null ? name
                        : call.TargetMethod.TypeArguments.FirstOrDefault() is INamedTypeSymbol { IsGenericType: false } client ? client.Name : null;
                    return Describe(typed, name, cancellationToken);
                }

                if (SymbolEqualityComparer.Default.Equals(target.ContainingType, httpClientBuilderExtensions) && target.Name == "AddTypedClient" && call.TargetMethod.TypeArguments.Length > 0)
                {
                    typed.Add(call.TargetMethod.TypeArguments[call.TargetMethod.TypeArguments.Length - 1]);
                }

                // Other IHttpClientBuilder calls (ConfigureHttpClient, AddHttpMessageHandler...) pass the builder on.
                if (!SymbolEqualityComparer.Default.Equals(call.Type, ValueOrigins.Receiver(call)?.Type) || call.Type?.Name != "IHttpClientBuilder")
                {
                    return null;
                }

                current = ValueOrigins.Receiver(call);
            }

            return null;
        }

        /// <summary>The builder parameter of a lambda passed to <c>ConfigureHttpClientDefaults</c>.</summary>
        private bool IsDefaultsBuilder(IParameterReferenceOperation reference)
        {
            for (var operation = reference.Parent; operation is not null; operation = operation.Parent)
            {
                if (operation is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, reference.Parameter.ContainingSymbol))
                {
                    IOperation argument = lambda;
                    while (argument.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
                    {
                        argument = argument.Parent;
                    }

                    return argument.Parent is IArgumentOperation { Parent: IInvocationOperation call }
                        && (call.TargetMethod.ReducedFrom ?? call.TargetMethod) is { Name: "ConfigureHttpClientDefaults" } target
                        && SymbolEqualityComparer.Default.Equals(target.ContainingType, httpClientFactoryExtensions);
                }
            }

            return false;
        }

        private string? Describe(List<ITypeSymbol> typed, string? name, CancellationToken cancellationToken)
        {
            foreach (var type in typed)
            {
                if (llmUse.TypedClientUsedForLlm(type, cancellationToken))
                {
                    return type.Name;
                }
            }

            return name is not null && llmUse.NamedClientUsedForLlm(name, cancellationToken) ? "HttpClient \"" + name + "\"" : null;
        }

        /// <summary>A body configuring the handler: a lambda's (with its first parameter) or a project method group's.</summary>
        private sealed class ConfigureDelegate
        {
            public ConfigureDelegate(IOperation body, IParameterSymbol? first, bool isLambda)
            {
                Body = body;
                First = first;
                IsLambda = isLambda;
            }

            public IOperation Body { get; }

            /// <summary>The lambda's first parameter: the options, or the pipeline builder of <c>AddResilienceHandler</c>.</summary>
            public IParameterSymbol? First { get; }

            public bool IsLambda { get; }
        }

        private static IOperation Unwrap(IOperation operation)
        {
            operation = ValueOrigins.Unwrap(operation);
            while (operation is IDelegateCreationOperation creation)
            {
                operation = ValueOrigins.Unwrap(creation.Target);
            }

            return operation;
        }
    }
}
