using System.Linq;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>How AIL0003's fixer can disable an SDK client's retries.</summary>
    internal static class SdkRetryFixKinds
    {
        /// <summary>Set <c>RetryPolicy = new ClientRetryPolicy(0)</c> in an <c>OpenAIClientOptions</c> initializer.</summary>
        public const string SetRetryPolicy = nameof(SetRetryPolicy);

        /// <summary>Pass <c>new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }</c> to an OpenAI client constructor.</summary>
        public const string AddOpenAIOptions = nameof(AddOpenAIOptions);

        /// <summary>Pass <c>new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) }</c> to an <c>AzureOpenAIClient</c> constructor.</summary>
        public const string AddAzureOpenAIOptions = nameof(AddAzureOpenAIOptions);

        /// <summary>Set <c>MaxRetries = 0</c> in an <c>AnthropicClient</c> or <c>ClientOptions</c> initializer.</summary>
        public const string SetMaxRetries = nameof(SetMaxRetries);
    }

    /// <summary>An OpenAI or Anthropic client, visibly built in code, whose own retries are on.</summary>
    internal sealed class SdkRetryFinding
    {
        public SdkRetryFinding(string provider, int retries, bool isDefault, IOperation? fixTarget, string? fixKind)
        {
            Provider = provider;
            Retries = retries;
            IsDefault = isDefault;
            FixTarget = fixTarget;
            FixKind = fixKind;
        }

        public string Provider { get; }

        public int Retries { get; }

        public bool IsDefault { get; }

        public IOperation? FixTarget { get; }

        public string? FixKind { get; }
    }

    /// <summary>
    /// The SDKs retry on their own (docs/design/sdk-facts.md F): OpenAI (and Azure OpenAI's <c>AzureOpenAIClient</c>) 3
    /// retries unless the options' <c>RetryPolicy</c> is <c>new ClientRetryPolicy(0)</c>; Anthropic 2 unless <c>MaxRetries = 0</c>. Only clients whose construction the
    /// code shows are judged: an injected client may well have been configured at registration.
    /// </summary>
    internal sealed partial class SdkBuiltInRetries
    {
        private const int OpenAIDefaultRetries = 3;
        private const int AnthropicDefaultRetries = 2;

        /// <summary>Azure.Core's <c>RetryOptions.MaxRetries</c> default.</summary>
        private const int AzureCoreDefaultRetries = 3;

        private readonly KnownRetrySymbols symbols;
        private readonly Compilation compilation;
        private readonly ChatClientAdapters adapters;

        public SdkBuiltInRetries(KnownRetrySymbols symbols, Compilation compilation)
        {
            this.symbols = symbols;
            this.compilation = compilation;
            adapters = new ChatClientAdapters(compilation, (receiver, ct) => OpenAI(receiver, ct), (receiver, ct) => Anthropic(receiver, ct));
        }

        public SdkRetryFinding? Find(IInvocationOperation call, LlmCall llmCall, CancellationToken cancellationToken) => llmCall.Sdk switch
        {
            LlmSdk.OpenAI => OpenAI(ValueOrigins.Receiver(call), cancellationToken),
            LlmSdk.Anthropic => Anthropic(ValueOrigins.Receiver(call), cancellationToken),
            LlmSdk.AzureOpenAIBeta => AzureCore(ValueOrigins.Receiver(call), "Azure OpenAI", cancellationToken),
            LlmSdk.AzureAIInference => AzureCore(ValueOrigins.Receiver(call), "Azure AI Inference", cancellationToken),
            // An IChatClient that is visibly the adapter of an OpenAI or Anthropic client (review 58).
            LlmSdk.MicrosoftExtensionsAI => adapters.Find(call, cancellationToken),
            // An Agent Framework agent built over such an adapter sends each run's requests through the same client.
            LlmSdk.AgentFramework => adapters.FindThroughAgent(call, cancellationToken),
            _ => null,
        };

        /// <summary>The SDKs whose built-in retries <see cref="Find"/> can judge.</summary>
        public static bool Judges(LlmCall llmCall) =>
            llmCall.IsDirectProviderCall || llmCall.Sdk is LlmSdk.AzureOpenAIBeta or LlmSdk.AzureAIInference or LlmSdk.MicrosoftExtensionsAI or LlmSdk.AgentFramework;

        /// <summary>
        /// An Azure.Core client built in code (<c>new OpenAIClient(endpoint, key[, options])</c>, <c>new
        /// ChatCompletionsClient(endpoint, key[, options])</c>): its pipeline retries <see cref="AzureCoreDefaultRetries"/>
        /// times unless the options' <c>Retry.MaxRetries</c> says otherwise (<c>options.Retry.MaxRetries = 0</c>, or
        /// <c>new ...Options { Retry = { MaxRetries = 0 } }</c>). Options that are not visible (a parameter, a factory),
        /// handed to other code, or given a custom <c>RetryPolicy</c> are the author's decision: not judged.
        /// </summary>
        private SdkRetryFinding? AzureCore(IOperation? receiver, string provider, CancellationToken cancellationToken)
        {
            if (receiver is null || symbols.AzureCoreClientOptions is not { } clientOptions
                || TraceToSoleCaller(receiver, cancellationToken) is not IObjectCreationOperation creation
                || creation.Constructor is not { } constructor
                || !constructor.ContainingType.InstanceConstructors.Any(c => c.Parameters.Any(p => KnownRetrySymbols.IsOrInherits(p.Type, clientOptions))))
            {
                return null;
            }

            var optionsArgument = creation.Arguments.FirstOrDefault(a => KnownRetrySymbols.IsOrInherits(a.Parameter?.Type, clientOptions) && a.ArgumentKind != ArgumentKind.DefaultValue);
            if (optionsArgument is null)
            {
                return new SdkRetryFinding(provider, AzureCoreDefaultRetries, true, null, null);
            }

            var options = ValueOrigins.Trace(optionsArgument.Value, compilation, cancellationToken);
            if (options.ConstantValue.HasValue && options.ConstantValue.Value is null)
            {
                return new SdkRetryFinding(provider, AzureCoreDefaultRetries, true, null, null);
            }

            if (options is not IObjectCreationOperation optionsCreation || !AzureRetrySettings(optionsCreation, optionsArgument.Value, out var maxRetries))
            {
                return null;
            }

            if (maxRetries is null)
            {
                return new SdkRetryFinding(provider, AzureCoreDefaultRetries, true, null, null);
            }

            var retries = ValueOrigins.ConstantInt(ValueOrigins.Unwrap(maxRetries));
            return retries is > 0 ? new SdkRetryFinding(provider, retries.Value, false, null, null) : null;
        }

        /// <summary>
        /// The value given to <c>Retry.MaxRetries</c> (null when none), in the initializer or on the local holding the
        /// options; false when the retries are decided elsewhere (a <c>RetryPolicy</c> set, the local handed to a call).
        /// </summary>
        private static bool AzureRetrySettings(IObjectCreationOperation creation, IOperation reference, out IOperation? maxRetries)
        {
            maxRetries = null;
            foreach (var initializer in creation.Initializer is { } objectInitializer ? objectInitializer.Initializers : System.Collections.Immutable.ImmutableArray<IOperation>.Empty)
            {
                switch (initializer)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RetryPolicy" } }:
                        return false;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "Retry" } } retry:
                        foreach (var nested in retry.Initializer.Initializers)
                        {
                            if (nested is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxRetries" } } set)
                            {
                                maxRetries = set.Value;
                            }
                        }

                        break;
                }
            }

            var held = ValueOrigins.Unwrap(reference);
            if (held is IObjectCreationOperation)
            {
                return true; // built in place: the initializer is all there is
            }

            // Options kept in a field or property may be configured anywhere: not judged.
            if (held is not ILocalReferenceOperation local)
            {
                return false;
            }

            foreach (var operation in ValueOrigins.Root(reference).Descendants())
            {
                switch (operation)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "MaxRetries", Instance: IPropertyReferenceOperation { Property.Name: "Retry", Instance: ILocalReferenceOperation owner } } } set
                        when SymbolEqualityComparer.Default.Equals(owner.Local, local.Local):
                        maxRetries = set.Value;
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "RetryPolicy", Instance: ILocalReferenceOperation owner } }
                        when SymbolEqualityComparer.Default.Equals(owner.Local, local.Local):
                        return false;
                    case IArgumentOperation { Value: var value } argument when argument != Argument(reference)
                        && ValueOrigins.Unwrap(value) is ILocalReferenceOperation passed && SymbolEqualityComparer.Default.Equals(passed.Local, local.Local):
                        return false; // handed to other code, which may set the retries
                }
            }

            return true;
        }

        private static IOperation? Argument(IOperation value)
        {
            for (var current = value.Parent; current is not null; current = current.Parent)
            {
                if (current is IArgumentOperation argument)
                {
                    return argument;
                }
            }

            return null;
        }

        private SdkRetryFinding? OpenAI(IOperation? receiver, CancellationToken cancellationToken, int arms = 0)
        {
            var current = receiver;
            for (var depth = 0; current is not null && depth < 8; depth++)
            {
                current = TraceToSoleCaller(current, cancellationToken);
                switch (current)
                {
                    case IInvocationOperation { TargetMethod.Name: "GetChatClient" or "GetResponsesClient" } factory:
                        current = factory.Instance;
                        break;
                    case IConditionalOperation conditional when arms < 3: // `key is null ? null : new ChatClient(...)` (review 78)
                        return ConditionalClientArms.Judge(conditional, arm => OpenAI(arm, cancellationToken, arms + 1));
                    case IObjectCreationOperation creation when creation.Type?.ContainingNamespace?.ToDisplayString().StartsWith("OpenAI", System.StringComparison.Ordinal) == true:
                        return OpenAIClientCreation(creation, symbols.OpenAIClientOptions, "OpenAI", SdkRetryFixKinds.AddOpenAIOptions, cancellationToken);
                    case IObjectCreationOperation creation when KnownRetrySymbols.IsOrInherits(creation.Type, symbols.AzureOpenAIClient):
                        // new AzureOpenAIClient(endpoint, credential[, options]).GetChatClient(deployment): the same
                        // System.ClientModel pipeline; AzureOpenAIClientOptions' constructor sets a 3-retry RetryPolicy.
                        return OpenAIClientCreation(creation, symbols.AzureOpenAIClientOptions, "Azure OpenAI", SdkRetryFixKinds.AddAzureOpenAIOptions, cancellationToken);
                    default:
                        return null;
                }
            }

            return null;
        }

        private SdkRetryFinding? OpenAIClientCreation(IObjectCreationOperation creation, INamedTypeSymbol? optionsType, string provider, string addOptions, CancellationToken cancellationToken)
        {
            var optionsArgument = creation.Arguments.FirstOrDefault(a => KnownRetrySymbols.Is(a.Parameter?.Type, optionsType) && a.ArgumentKind != ArgumentKind.DefaultValue);
            if (optionsArgument is null)
            {
                return new SdkRetryFinding(provider, OpenAIDefaultRetries, true, creation, CanAddOptions(creation, optionsType) ? addOptions : null);
            }

            var options = ValueOrigins.Trace(optionsArgument.Value, compilation, cancellationToken);
            if (options.ConstantValue.HasValue && options.ConstantValue.Value is null)
            {
                return new SdkRetryFinding(provider, OpenAIDefaultRetries, true, null, null);
            }

            if (options is not IObjectCreationOperation optionsCreation)
            {
                return null;
            }

            var policy = PropertyValue(optionsCreation, optionsArgument.Value, "RetryPolicy");
            if (policy is null)
            {
                return new SdkRetryFinding(provider, OpenAIDefaultRetries, true, optionsCreation, SdkRetryFixKinds.SetRetryPolicy);
            }

            policy = ValueOrigins.Unwrap(policy);
            if (policy.ConstantValue.HasValue && policy.ConstantValue.Value is null)
            {
                return new SdkRetryFinding(provider, OpenAIDefaultRetries, true, optionsCreation, SdkRetryFixKinds.SetRetryPolicy);
            }

            if (policy is IObjectCreationOperation policyCreation && KnownRetrySymbols.Is(policyCreation.Type, symbols.ClientRetryPolicy))
            {
                var maxRetries = policyCreation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0);
                var retries = maxRetries is null || maxRetries.ArgumentKind == ArgumentKind.DefaultValue
                    ? OpenAIDefaultRetries
                    : ValueOrigins.ConstantInt(maxRetries.Value);
                return retries is > 0 ? new SdkRetryFinding(provider, retries.Value, false, optionsCreation, SdkRetryFixKinds.SetRetryPolicy) : null;
            }

            if (policy is IPropertyReferenceOperation { Property.Name: "Default" } defaultPolicy && KnownRetrySymbols.Is(defaultPolicy.Property.ContainingType, symbols.ClientRetryPolicy))
            {
                return new SdkRetryFinding(provider, OpenAIDefaultRetries, false, optionsCreation, SdkRetryFixKinds.SetRetryPolicy);
            }

            return null; // A custom policy: the author decided.
        }

        /// <summary>The constructor has an overload taking the same arguments plus the options (<paramref name="optionsType"/>).</summary>
        private static bool CanAddOptions(IObjectCreationOperation creation, INamedTypeSymbol? optionsType)
        {
            if (creation.Constructor is not { } constructor || creation.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax { ArgumentList: not null })
            {
                return false;
            }

            return constructor.ContainingType.InstanceConstructors.Any(c =>
                c.Parameters.Length == constructor.Parameters.Length + 1
                && KnownRetrySymbols.Is(c.Parameters[c.Parameters.Length - 1].Type, optionsType)
                && c.Parameters.Take(constructor.Parameters.Length).Select(p => p.Name).SequenceEqual(constructor.Parameters.Select(p => p.Name == "apiKey" ? "credential" : p.Name)));
        }

        private SdkRetryFinding? Anthropic(IOperation? receiver, CancellationToken cancellationToken, int arms = 0)
        {
            var current = receiver;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = TraceToSoleCaller(current, cancellationToken);
                switch (current)
                {
                    case IPropertyReferenceOperation property:
                        current = property.Instance;
                        break;
                    case IInvocationOperation { TargetMethod.Name: "WithOptions" } withOptions:
                        var set = withOptions.Arguments.SelectMany(a => a.Value.Descendants()).OfType<ISimpleAssignmentOperation>()
                            .FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "MaxRetries" });
                        if (set is not null)
                        {
                            var configured = ValueOrigins.ConstantInt(ValueOrigins.Unwrap(set.Value));
                            return configured is > 0 ? new SdkRetryFinding("Anthropic", configured.Value, false, null, null) : null;
                        }

                        current = withOptions.Instance;
                        break;
                    case IObjectCreationOperation creation when KnownRetrySymbols.Is(creation.Type, symbols.AnthropicClient):
                        return AnthropicClientCreation(creation, cancellationToken);
                    case IConditionalOperation conditional when arms < 3: // see ConditionalClientArms
                        return ConditionalClientArms.Judge(conditional, arm => Anthropic(arm, cancellationToken, arms + 1));
                    default:
                        return null;
                }
            }

            return null;
        }

        private SdkRetryFinding? AnthropicClientCreation(IObjectCreationOperation creation, CancellationToken cancellationToken)
        {
            var value = PropertyValue(creation, null, "MaxRetries");
            var fixTarget = (IOperation)creation;
            if (value is null)
            {
                var optionsArgument = creation.Arguments.FirstOrDefault(a => KnownRetrySymbols.Is(a.Parameter?.Type, symbols.AnthropicClientOptions));
                if (optionsArgument is not null)
                {
                    if (ValueOrigins.Trace(optionsArgument.Value, compilation, cancellationToken) is not IObjectCreationOperation options)
                    {
                        return null;
                    }

                    value = PropertyValue(options, optionsArgument.Value, "MaxRetries");
                    fixTarget = options;
                }
            }

            if (value is null)
            {
                return new SdkRetryFinding("Anthropic", AnthropicDefaultRetries, true, fixTarget, SdkRetryFixKinds.SetMaxRetries);
            }

            var retries = ValueOrigins.ConstantInt(ValueOrigins.Unwrap(value));
            return retries is > 0 ? new SdkRetryFinding("Anthropic", retries.Value, false, fixTarget, SdkRetryFixKinds.SetMaxRetries) : null;
        }

        /// <summary>A property set in the object initializer, or later on the local holding the object.</summary>
        private static IOperation? PropertyValue(IObjectCreationOperation creation, IOperation? reference, string propertyName)
        {
            foreach (var assignment in PollyRetries.Initializers(creation))
            {
                if (assignment.Target is IPropertyReferenceOperation target && target.Property.Name == propertyName)
                {
                    return assignment.Value;
                }
            }

            if (reference is not null && ValueOrigins.Unwrap(reference) is ILocalReferenceOperation local)
            {
                foreach (var assignment in ValueOrigins.Root(reference).Descendants().OfType<ISimpleAssignmentOperation>())
                {
                    if (assignment.Target is IPropertyReferenceOperation { Instance: ILocalReferenceOperation instance } target
                        && target.Property.Name == propertyName && SymbolEqualityComparer.Default.Equals(instance.Local, local.Local))
                    {
                        return assignment.Value;
                    }
                }
            }

            return null;
        }
    }
}
