using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The writes of a settings property in the project's options lambdas: <c>services.Configure&lt;T&gt;(o =&gt; o.Model =
    /// ...)</c>, <c>PostConfigure&lt;T&gt;</c>, <c>ConfigureAll</c>/<c>PostConfigureAll</c> and
    /// <c>AddOptions&lt;T&gt;().Configure(o =&gt; ...)</c>. The options the app gets from <c>IOptions&lt;T&gt;</c> have run
    /// every such lambda, so a statement of the lambda's body that always writes the property replaces its declared
    /// default: that default is never sent, the written value is. A write the lambda may skip (inside an <c>if</c>, after
    /// a <c>return</c>, a compound or <c>??=</c> write) or one for named options leaves the value unsure. Scanned once
    /// per compilation on first need, recognised by the Options API's symbols.
    /// </summary>
    internal sealed class OptionsConfigureWrites
    {
        // The options API's configuring methods, found by name across the compilation (SourceBodies.InvocationsNamed) and
        // then checked by symbol (IsOptionsConfiguration).
        private static readonly HashSet<string> ConfigurationNames = new HashSet<string>(System.StringComparer.Ordinal) { "Configure", "PostConfigure", "ConfigureAll", "PostConfigureAll" };

        private static readonly ConditionalWeakTable<Compilation, OptionsConfigureWrites> PerCompilation = new ConditionalWeakTable<Compilation, OptionsConfigureWrites>();

        private readonly Compilation compilation;
        private readonly INamedTypeSymbol? serviceCollectionExtensions;
        private readonly INamedTypeSymbol? optionsBuilder;
        private Dictionary<IPropertySymbol, Writes>? scanned;

        private OptionsConfigureWrites(Compilation compilation)
        {
            this.compilation = compilation;
            serviceCollectionExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.OptionsServiceCollectionExtensions");
            optionsBuilder = compilation.GetTypeByMetadataName("Microsoft.Extensions.Options.OptionsBuilder`1");
        }

        /// <summary>What the project's options lambdas write to one property.</summary>
        internal sealed class Writes
        {
            /// <summary>The values written by statements that always run for the default options.</summary>
            public List<IOperation> Always { get; } = new List<IOperation>();

            /// <summary>Whether some lambda may or may not write the property (then neither its default nor a write is sure).</summary>
            public bool Unsure { get; set; }
        }

        public static OptionsConfigureWrites For(Compilation compilation) => PerCompilation.GetValue(compilation, c => new OptionsConfigureWrites(c));

        /// <summary>The project's options-lambda writes of <paramref name="property"/>; null when none writes it.</summary>
        public Writes? Of(IPropertySymbol property, CancellationToken cancellationToken)
        {
            if (serviceCollectionExtensions == null && optionsBuilder == null)
            {
                return null;
            }

            var found = Volatile.Read(ref scanned);
            if (found == null)
            {
                found = Scan(cancellationToken);
                found = Interlocked.CompareExchange(ref scanned, found, null) ?? found;
            }

            return found.TryGetValue(property.OriginalDefinition, out var writes) ? writes : null;
        }

        private Dictionary<IPropertySymbol, Writes> Scan(CancellationToken cancellationToken)
        {
            var found = new Dictionary<IPropertySymbol, Writes>(SymbolEqualityComparer.Default);
            foreach (var operation in SourceBodies.InvocationsNamed(compilation, ConfigurationNames, cancellationToken))
            {
                if (IsOptionsConfiguration(operation.TargetMethod) is { } configures)
                {
                    var named = configures == Configuration.Named || (configures == Configuration.Builder && !BuildsDefaultOptions(operation.Instance));
                    foreach (var argument in operation.Arguments)
                    {
                        if (Unwrap(argument.Value) is IAnonymousFunctionOperation lambda)
                        {
                            Collect(lambda, named, found);
                        }
                    }
                }
            }

            return found;
        }

        private enum Configuration
        {
            Default,
            Named,
            Builder,
        }

        private Configuration? IsOptionsConfiguration(IMethodSymbol method)
        {
            var containing = method.ContainingType?.OriginalDefinition;
            if (serviceCollectionExtensions != null && SymbolEqualityComparer.Default.Equals(containing, serviceCollectionExtensions))
            {
                // Configure<T>(string name, Action<T>) configures one named instance, not the IOptions<T>.Value a slot reads.
                return method.Parameters.Any(p => p.Name == "name" && p.Type.SpecialType == SpecialType.System_String) ? Configuration.Named : Configuration.Default;
            }

            return optionsBuilder != null && SymbolEqualityComparer.Default.Equals(containing, optionsBuilder) ? Configuration.Builder : null;
        }

        // AddOptions<T>() (no name), possibly through other builder calls (.Bind(...), .ValidateDataAnnotations()): the
        // default options. A builder from elsewhere (a local, a parameter) or a named AddOptions<T>("x") is not known to be.
        private bool BuildsDefaultOptions(IOperation? receiver)
        {
            for (var depth = 0; depth < 16 && receiver is IInvocationOperation call; depth++)
            {
                if (call.TargetMethod.Name is "AddOptions" or "AddOptionsWithValidateOnStart"
                    && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType?.OriginalDefinition, serviceCollectionExtensions))
                {
                    return !call.TargetMethod.Parameters.Any(p => p.Name == "name" && p.Type.SpecialType == SpecialType.System_String);
                }

                // An extension call (.Bind(...), .ValidateDataAnnotations()) has its builder as the first argument.
                receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                while (receiver is IConversionOperation conversion)
                {
                    receiver = conversion.Operand;
                }
            }

            return false;
        }

        private static void Collect(IAnonymousFunctionOperation lambda, bool named, Dictionary<IPropertySymbol, Writes> found)
        {
            if (lambda.Symbol.Parameters.Length == 0)
            {
                return;
            }

            var options = lambda.Symbol.Parameters[0];
            // An explicit return lets the statements after it be skipped.
            var mayStopEarly = Descendants(lambda.Body).Any(operation => operation is IReturnOperation { IsImplicit: false });
            foreach (var operation in Descendants(lambda.Body))
            {
                if (operation is not IAssignmentOperation { Target: IPropertyReferenceOperation { Instance: IParameterReferenceOperation owner } target } assignment
                    || !SymbolEqualityComparer.Default.Equals(owner.Parameter, options))
                {
                    continue;
                }

                var property = target.Property.OriginalDefinition;
                if (!found.TryGetValue(property, out var writes))
                {
                    found.Add(property, writes = new Writes());
                }

                var always = !named && !mayStopEarly
                    && assignment is ISimpleAssignmentOperation
                    && assignment.Parent is IExpressionStatementOperation statement
                    && statement.Parent == lambda.Body;
                if (always)
                {
                    writes.Always.Add(assignment.Value);
                }
                else
                {
                    writes.Unsure = true;
                }
            }
        }

        // The lambda's own operations: a nested lambda or local function runs at another time, if ever.
        private static IEnumerable<IOperation> Descendants(IOperation root)
        {
            var pending = new Stack<IOperation>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                foreach (var child in current.ChildOperations)
                {
                    if (child is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        continue;
                    }

                    yield return child;
                    pending.Push(child);
                }
            }
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (operation is IDelegateCreationOperation or IConversionOperation)
            {
                operation = operation is IDelegateCreationOperation creation ? creation.Target : ((IConversionOperation)operation).Operand;
            }

            return operation;
        }
    }
}
