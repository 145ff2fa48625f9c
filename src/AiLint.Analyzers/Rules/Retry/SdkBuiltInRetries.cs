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
    internal sealed class SdkBuiltInRetries
    {
        private const int OpenAIDefaultRetries = 3;
        private const int AnthropicDefaultRetries = 2;

        private readonly KnownRetrySymbols symbols;
        private readonly Compilation compilation;

        public SdkBuiltInRetries(KnownRetrySymbols symbols, Compilation compilation)
        {
            this.symbols = symbols;
            this.compilation = compilation;
        }

        public SdkRetryFinding? Find(IInvocationOperation call, LlmCall llmCall, CancellationToken cancellationToken) => llmCall.Sdk switch
        {
            LlmSdk.OpenAI => OpenAI(ValueOrigins.Receiver(call), cancellationToken),
            LlmSdk.Anthropic => Anthropic(ValueOrigins.Receiver(call), cancellationToken),
            _ => null,
        };

        private SdkRetryFinding? OpenAI(IOperation? receiver, CancellationToken cancellationToken)
        {
            var current = receiver;
            for (var depth = 0; current is not null && depth < 8; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
                switch (current)
                {
                    case IInvocationOperation { TargetMethod.Name: "GetChatClient" or "GetResponsesClient" } factory:
                        current = factory.Instance;
                        break;
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

        private SdkRetryFinding? Anthropic(IOperation? receiver, CancellationToken cancellationToken)
        {
            var current = receiver;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = ValueOrigins.Trace(current, compilation, cancellationToken);
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
