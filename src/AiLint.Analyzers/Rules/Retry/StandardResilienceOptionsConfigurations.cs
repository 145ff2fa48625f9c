using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Retry
{
    /// <summary>
    /// The <c>HttpStandardResilienceOptions</c> the project configures through the options system rather than the
    /// handler's own arguments: <c>services.Configure&lt;HttpStandardResilienceOptions&gt;(...)</c>, <c>ConfigureAll</c>,
    /// <c>PostConfigure(All)</c>, <c>AddOptions&lt;HttpStandardResilienceOptions&gt;(name).Configure/Bind(...)</c> and
    /// setup classes (<c>IConfigureNamedOptions</c> / <c>IPostConfigureOptions</c>).
    /// </summary>
    /// <remarks>
    /// <c>AddStandardResilienceHandler()</c> reads <c>IOptionsMonitor&lt;HttpStandardResilienceOptions&gt;.Get("{client
    /// name}-standard")</c> (dotnet/extensions, ResilienceHttpClientBuilderExtensions.StandardResilience.cs and
    /// PipelineNameHelper.cs). A configuration reaches it when it applies to every name (<c>ConfigureAll</c>,
    /// <c>PostConfigureAll</c>), to that name, or to a name AiLint cannot resolve; an unnamed <c>Configure&lt;T&gt;</c>,
    /// <c>PostConfigure&lt;T&gt;</c> or <c>AddOptions&lt;T&gt;()</c> configures <c>Options.DefaultName</c> (""), which no
    /// standard handler reads. One instance per compilation; the scan runs once, on the first handler that would be
    /// reported, and is thread-safe.
    /// </remarks>
    internal sealed class StandardResilienceOptionsConfigurations
    {
        private const string StandardSuffix = "-standard";

        private static readonly HashSet<string> CandidateNames = new(StringComparer.Ordinal)
        {
            "Configure", "ConfigureAll", "PostConfigure", "PostConfigureAll", "Bind", "BindConfiguration", "ConfigureOptions",
        };

        private readonly Compilation compilation;
        private readonly KnownRetrySymbols symbols;
        private readonly INamedTypeSymbol options;
        private readonly Lazy<List<OptionsConfiguration>> configurations;

        private StandardResilienceOptionsConfigurations(Compilation compilation, KnownRetrySymbols symbols, INamedTypeSymbol options)
        {
            this.compilation = compilation;
            this.symbols = symbols;
            this.options = options;

            // The analyzer's cancellation token is not available to a Lazy; a cancelled analysis throws from the scan.
            configurations = new Lazy<List<OptionsConfiguration>>(() => Scan(CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>Null when Microsoft.Extensions.Http.Resilience or Microsoft.Extensions.Options is not referenced.</summary>
        public static StandardResilienceOptionsConfigurations? TryCreate(Compilation compilation, KnownRetrySymbols symbols) =>
            symbols.HttpStandardResilienceOptions is { } options && symbols.OptionsServiceCollectionExtensions is not null
                ? new StandardResilienceOptionsConfigurations(compilation, symbols, options)
                : null;

        /// <summary>
        /// True when some configuration of the options system reaches the standard handler of the client named
        /// <paramref name="clientName"/> (null: a name AiLint cannot resolve, or every client of
        /// <c>ConfigureHttpClientDefaults</c>) and AiLint cannot show that it leaves POST retries on: it is not a lambda,
        /// or <paramref name="leavesPostRetriesOn"/> (given the lambda's body and options parameter) cannot show it.
        /// </summary>
        public bool LeavesPostRetriesUnknown(string? clientName, Func<IOperation, IParameterSymbol, bool> leavesPostRetriesOn)
        {
            var handlerOptions = clientName is null ? null : clientName + StandardSuffix;
            foreach (var configuration in configurations.Value)
            {
                if (!Reaches(configuration, handlerOptions))
                {
                    continue;
                }

                if (configuration.Body is null || configuration.Options is null || !leavesPostRetriesOn(configuration.Body, configuration.Options))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Reaches(OptionsConfiguration configuration, string? handlerOptions) => configuration.Name switch
        {
            _ when configuration.AllNames || !configuration.NameKnown => true,
            { } name when handlerOptions is not null => string.Equals(name, handlerOptions, StringComparison.Ordinal),

            // The handler's options name is unknown: any "<client>-standard" may be it; "" (Options.DefaultName) never is.
            { } name => name.EndsWith(StandardSuffix, StringComparison.Ordinal),
            _ => true,
        };

        /// <summary>
        /// Every use of the options parameter is a property access, and <c>o.Retry</c> is only read further
        /// (<c>o.Retry.MaxRetryAttempts = 5</c>): nothing hands the options or their retry options to code AiLint
        /// does not read, and nothing replaces the retry options.
        /// </summary>
        internal static bool OnlyReadsOrSetsProperties(IOperation body, IParameterSymbol parameter) =>
            body.Descendants().OfType<IParameterReferenceOperation>()
                .Where(r => SymbolEqualityComparer.Default.Equals(r.Parameter, parameter))
                .All(r => r.Parent is IPropertyReferenceOperation access
                    && (access.Property.Name != "Retry" || access.Parent is IPropertyReferenceOperation));

        private List<OptionsConfiguration> Scan(CancellationToken cancellationToken)
        {
            var found = new List<OptionsConfiguration>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    var name = node.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                        SimpleNameSyntax simple => simple.Identifier.ValueText,
                        _ => null,
                    };

                    if (name is null || !CandidateNames.Contains(name))
                    {
                        continue;
                    }

                    model ??= LlmCalls.SourceBodies.GetSemanticModel(compilation, tree);
                    if (model.GetOperation(node, cancellationToken) is IInvocationOperation invocation && Read(invocation) is { } configuration)
                    {
                        found.Add(configuration);
                    }
                }
            }

            return found;
        }

        private OptionsConfiguration? Read(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
            var type = method.ContainingType;
            if (KnownRetrySymbols.Is(type, symbols.OptionsServiceCollectionExtensions) || KnownRetrySymbols.Is(type, symbols.OptionsConfigurationServiceCollectionExtensions))
            {
                return method.Name == "ConfigureOptions" ? ReadSetupClass(invocation) : ReadServiceCollectionCall(invocation);
            }

            // `services.AddOptions<HttpStandardResilienceOptions>(name).Configure(...)` / `.Bind(section)`.
            if ((KnownRetrySymbols.Is(type, symbols.OptionsBuilderOfT) || KnownRetrySymbols.Is(type, symbols.OptionsBuilderConfigurationExtensions))
                && ValueOrigins.Receiver(invocation) is { } receiver && IsOptionsBuilder(receiver.Type))
            {
                var (known, name) = BuilderName(receiver);
                return method.Name is "Configure" or "PostConfigure" ? FromDelegate(invocation, false, known, name) : new OptionsConfiguration(false, known, name, null, null);
            }

            return null;
        }

        /// <summary><c>services.Configure&lt;T&gt;([name,] o =&gt; ...)</c>, <c>ConfigureAll</c>, <c>PostConfigure(All)</c>, <c>Configure&lt;T&gt;([name,] configuration)</c>.</summary>
        private OptionsConfiguration? ReadServiceCollectionCall(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (method.Name is not ("Configure" or "ConfigureAll" or "PostConfigure" or "PostConfigureAll")
                || method.TypeArguments.Length != 1 || !KnownRetrySymbols.Is(method.TypeArguments[0], options))
            {
                return null;
            }

            var all = method.Name.EndsWith("All", StringComparison.Ordinal);
            var known = true;
            string? name = all ? null : string.Empty;
            if (!all && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name" && a.ArgumentKind == ArgumentKind.Explicit) is { } nameArgument)
            {
                name = ValueOrigins.ConstantString(nameArgument.Value);

                // A literal null name configures every name, as ConfigureAll does.
                all = nameArgument.Value.ConstantValue is { HasValue: true, Value: null };
                known = name is not null || all;
            }

            // Configure<T>([name,] configuration[, binder => ...]): bound from configuration, whatever its lambda says.
            return KnownRetrySymbols.Is(invocation.TargetMethod.ContainingType, symbols.OptionsConfigurationServiceCollectionExtensions)
                ? new OptionsConfiguration(all, known, name, null, null)
                : FromDelegate(invocation, all, known, name);
        }

        /// <summary>
        /// <c>services.ConfigureOptions&lt;TSetup&gt;()</c> (or with an instance or a <c>typeof</c>): a setup class that
        /// configures or post-configures named options reaches every name it decides to (unknown). One that only
        /// implements <c>IConfigureOptions&lt;T&gt;</c> is called for <c>Options.DefaultName</c> alone.
        /// </summary>
        private OptionsConfiguration? ReadSetupClass(IInvocationOperation invocation)
        {
            var setup = invocation.TargetMethod.TypeArguments.FirstOrDefault()
                ?? invocation.Arguments.Where(a => a.Parameter?.Ordinal == 1).Select(a => ValueOrigins.Unwrap(a.Value) switch
                {
                    ITypeOfOperation typeOf => typeOf.TypeOperand,
                    var value => value.Type,
                }).FirstOrDefault();

            if (setup is null || setup.SpecialType == SpecialType.System_Object || setup.TypeKind == TypeKind.Error
                || setup.Name == "Type" && setup.ContainingNamespace?.ToDisplayString() == "System")
            {
                // Nothing says which options it configures: not this rule's business unless it is provably ours.
                return null;
            }

            var named = setup.AllInterfaces.Any(i => i.TypeArguments.Length == 1 && KnownRetrySymbols.Is(i.TypeArguments[0], options)
                && (KnownRetrySymbols.Is(i, symbols.ConfigureNamedOptionsOfT) || KnownRetrySymbols.Is(i, symbols.PostConfigureOptionsOfT)));
            return named ? new OptionsConfiguration(false, false, null, null, null) : null;
        }

        /// <summary>The configuring delegate: a lambda is read (its first parameter is the options); anything else is unknown.</summary>
        private OptionsConfiguration FromDelegate(IInvocationOperation invocation, bool all, bool known, string? name)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter?.Type.TypeKind == TypeKind.Delegate
                    && Lambda(argument.Value) is { Symbol.Parameters.Length: > 0 } lambda
                    && KnownRetrySymbols.Is(lambda.Symbol.Parameters[0].Type, options))
                {
                    return new OptionsConfiguration(all, known, name, lambda.Body, lambda.Symbol.Parameters[0]);
                }
            }

            // A method group, a delegate variable, an IConfiguration section: AiLint cannot see what they set.
            return new OptionsConfiguration(all, known, name, null, null);
        }

        private static IAnonymousFunctionOperation? Lambda(IOperation value)
        {
            value = ValueOrigins.Unwrap(value);
            while (value is IDelegateCreationOperation creation)
            {
                value = ValueOrigins.Unwrap(creation.Target);
            }

            return value as IAnonymousFunctionOperation;
        }

        /// <summary>
        /// The options name an <c>OptionsBuilder&lt;T&gt;</c> was created for: <c>AddOptions&lt;T&gt;()</c> is
        /// <c>Options.DefaultName</c>, <c>AddOptions&lt;T&gt;(name)</c> / <c>AddOptionsWithValidateOnStart&lt;T&gt;(name)</c> its
        /// constant name, through other builder calls (<c>ValidateOnStart()</c>) and a local assigned once; else unknown.
        /// </summary>
        private (bool Known, string? Name) BuilderName(IOperation receiver)
        {
            IOperation? current = receiver;
            for (var depth = 0; current is not null && depth < 16; depth++)
            {
                current = ValueOrigins.Unwrap(current);
                if (current is ILocalReferenceOperation local)
                {
                    current = ValueOrigins.LocalValue(local);
                    continue;
                }

                if (current is not IInvocationOperation call)
                {
                    break;
                }

                var method = call.TargetMethod.ReducedFrom ?? call.TargetMethod;
                if (KnownRetrySymbols.Is(method.ContainingType, symbols.OptionsServiceCollectionExtensions) && method.Name is "AddOptions" or "AddOptionsWithValidateOnStart")
                {
                    var nameArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "name" && a.ArgumentKind == ArgumentKind.Explicit);
                    if (nameArgument is null)
                    {
                        return (true, string.Empty);
                    }

                    var name = ValueOrigins.ConstantString(nameArgument.Value);
                    return (name is not null, name);
                }

                current = IsOptionsBuilder(call.Type) && ValueOrigins.Receiver(call) is { } inner && IsOptionsBuilder(inner.Type) ? inner : null;
            }

            return (false, null);
        }

        private bool IsOptionsBuilder(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeArguments.Length: 1 } named && KnownRetrySymbols.Is(named, symbols.OptionsBuilderOfT) && KnownRetrySymbols.Is(named.TypeArguments[0], options);

        /// <summary>One configuration of the standard handler's options found in the compilation.</summary>
        private sealed class OptionsConfiguration
        {
            public OptionsConfiguration(bool allNames, bool nameKnown, string? name, IOperation? body, IParameterSymbol? options)
            {
                AllNames = allNames;
                NameKnown = nameKnown;
                Name = name;
                Body = body;
                Options = options;
            }

            /// <summary>Applies to every options name (<c>ConfigureAll</c>, <c>PostConfigureAll</c>).</summary>
            public bool AllNames { get; }

            /// <summary>False when the name is not a constant AiLint can read.</summary>
            public bool NameKnown { get; }

            public string? Name { get; }

            /// <summary>The lambda's body; null when the configuration cannot be read.</summary>
            public IOperation? Body { get; }

            /// <summary>The lambda's options parameter.</summary>
            public IParameterSymbol? Options { get; }
        }
    }
}
