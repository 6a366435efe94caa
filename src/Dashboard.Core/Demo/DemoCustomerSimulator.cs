using System.Globalization;
using Bogus;
using Dashboard.Core.Customers;
using Dashboard.Core.Events;
using Dashboard.Core.Orders;

namespace Dashboard.Core.Demo;

/// <summary>What one simulated customer left behind, as entities ready to insert once keys are known.</summary>
internal sealed class SimulatedCustomer(Customer customer)
{
    public Customer Customer { get; } = customer;
    public List<Order> Purchases { get; } = [];
    public List<(Order Return, Order Original)> Returns { get; } = [];
    public List<BehaviorEvent> Events { get; } = [];

    /// <summary>Purchase events and the order whose key they need.</summary>
    public List<(BehaviorEvent Event, Order Order)> PurchaseEvents { get; } = [];
}

/// <summary>
/// Simulates one customer at a time from the customer's own random streams, so a customer's behaviour
/// never depends on anyone else's. Only the invoice numbers and e-mail de-duplication are shared state.
/// </summary>
internal sealed class DemoCustomerSimulator
{
    public const double InWindowSignUpShare = 0.30;
    public const double EmailOptInRate = 0.70;
    public const double PushOptInRate = 0.40;
    public const double AdsOptInRate = 0.55;

    public const double FollowUpPlantRate = 0.35;
    public const int FollowUpMaxDelayDays = 10;
    public const double FollowUpBuyRate = 0.70;
    public const double RepeatBuyRate = 0.60;
    public const double BrowseAddToCartRate = 0.15;
    public const double CheckoutRate = 0.55;
    public const double StayInCategoryRate = 0.85;
    public const double PriceSensitivityStrength = 2.5;
    public const double ViewStopRate = 0.40;
    public const int MaxViews = 12;

    private static readonly string[] EmailDomains = ["example.com", "example.net", "example.org", "mail.example", "shopper.example"];

    private readonly DemoOptions _options;
    private readonly DemoCatalog _catalog;
    private readonly IReadOnlyList<int> _productIds;
    private readonly double[] _categoryPopularity;
    private readonly double[] _countryWeights;
    private readonly Dictionary<string, Faker> _fakers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _emails = new(StringComparer.OrdinalIgnoreCase);
    private int _invoiceCount;
    private int _returnCount;

    /// <param name="productIds">Database key of each product, by 1-based product index (entry 0 unused).</param>
    public DemoCustomerSimulator(DemoOptions options, DemoCatalog catalog, IReadOnlyList<int> productIds)
    {
        _options = options;
        _catalog = catalog;
        _productIds = productIds;
        _categoryPopularity = [.. catalog.Categories.Select(c => c.Popularity)];
        _countryWeights = [.. DemoCountry.All.Select(c => c.Weight)];
    }

    public SimulatedCustomer Simulate(int customerIndex)
    {
        var shopper = DemoShopper.For(_options.Seed, customerIndex, _catalog.Categories);
        var customer = CreateCustomer(customerIndex);
        var result = new SimulatedCustomer(customer);
        new Run(this, shopper, result).Simulate();
        return result;
    }

    private Customer CreateCustomer(int customerIndex)
    {
        var rng = DemoRandom.For(_options.Seed, DemoStream.Profile, customerIndex);
        var country = DemoCountry.All[rng.NextWeighted(_countryWeights)];
        var start = _options.StartDate;
        var createdAt = rng.Chance(InWindowSignUpShare)
            ? ClampBeforeWindowEnd(start.AddDays(rng.Next(_options.Days)).Add(TimeOfDay(rng)))
            : start.AddDays(-rng.NextInclusive(1, 730)).AddSeconds(rng.Next(86_400));

        if (!_fakers.TryGetValue(country.Locale, out var faker))
        {
            faker = new Faker(country.Locale);
            _fakers.Add(country.Locale, faker);
        }

        // Each customer gets a fresh Bogus randomizer from their own stream (never Bogus's global seed).
        faker.Random = new Randomizer(rng.NextInt31());
        var first = faker.Name.FirstName();
        var last = faker.Name.LastName();
        var email = UniqueEmail(faker.Internet.Email(first, last, EmailDomains[rng.Next(EmailDomains.Length)]));
        var phone = faker.Phone.PhoneNumber();

        return new Customer
        {
            ExternalId = DemoShopper.ExternalIdFor(customerIndex),
            FirstName = Truncate(first, 100),
            LastName = Truncate(last, 100),
            Email = email,
            Phone = Truncate(phone, 40),
            Country = country.Name,
            CreatedAt = createdAt,
            EmailOptIn = rng.Chance(EmailOptInRate),
            PushOptIn = rng.Chance(PushOptInRate),
            AdsOptIn = rng.Chance(AdsOptInRate),
        };
    }

    private string UniqueEmail(string candidate)
    {
        candidate = candidate.ToLowerInvariant();
        if (_emails.Add(candidate))
        {
            return candidate;
        }

        var at = candidate.IndexOf('@', StringComparison.Ordinal);
        for (var n = 2; ; n++)
        {
            var numbered = string.Create(CultureInfo.InvariantCulture, $"{candidate[..at]}{n}{candidate[at..]}");
            if (_emails.Add(numbered))
            {
                return numbered;
            }
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static TimeSpan TimeOfDay(DemoRandom rng) =>
        TimeSpan.FromHours(rng.NextFromCumulative(DemoCalendar.CumulativeHourWeights)) + TimeSpan.FromSeconds(rng.Next(3_600));

    /// <summary>Sessions start at least an hour before the window closes, so they end inside it.</summary>
    private DateTime ClampBeforeWindowEnd(DateTime at)
    {
        var latest = _options.WindowEnd.AddHours(-1);
        return at <= latest ? at : latest.AddSeconds(-((at - latest).Ticks % 3_600));
    }

    private string NextInvoiceNo() => string.Create(CultureInfo.InvariantCulture, $"D{++_invoiceCount:D7}");

    private string NextReturnNo() => string.Create(CultureInfo.InvariantCulture, $"R{++_returnCount:D7}");

    /// <summary>The mutable state of one customer's simulation.</summary>
    private sealed class Run(DemoCustomerSimulator owner, DemoShopper shopper, SimulatedCustomer result)
    {
        private readonly DemoRandom _rng = DemoRandom.For(owner._options.Seed, DemoStream.Behaviour, shopper.CustomerIndex);
        private readonly Dictionary<int, double[]> _cumulativeByCategory = [];
        private readonly Queue<(int Product, DateTime Due)> _followUps = new();
        private readonly List<int> _bought = [];
        private readonly double[] _preferredWeights = [.. shopper.PreferredCategories.Select(p => p.Weight)];
        private readonly int[] _preferredIndices = [.. shopper.PreferredCategories.Select(p => owner._catalog.CategoryIndexOf(p.Category))];
        private int _sessionCount;
        private DateTime _lastSessionEnd = DateTime.MinValue;

        private DemoOptions Options => owner._options;
        private DemoCatalog Catalog => owner._catalog;

        public void Simulate()
        {
            var customer = result.Customer;
            var windowStart = Options.StartDate;
            var windowEnd = Options.WindowEnd;
            var activeStart = customer.CreatedAt > windowStart ? customer.CreatedAt : windowStart;
            var activeEnd = shopper.ChurnPoint is { } churn
                ? activeStart + TimeSpan.FromTicks((long)((windowEnd - activeStart).Ticks * churn))
                : windowEnd;
            var signUpInWindow = customer.CreatedAt >= windowStart;
            var rate = shopper.SessionsPerWeek / 7.0;
            var starts = new List<DateTime>(8);

            for (var day = activeStart.Date; day < activeEnd; day = day.AddDays(1))
            {
                starts.Clear();
                if (signUpInWindow && day == customer.CreatedAt.Date)
                {
                    // Signing up happens in a session.
                    starts.Add(customer.CreatedAt);
                }
                else
                {
                    var n = _rng.NextPoisson(rate * DemoCalendar.WeekdayFactors[(int)day.DayOfWeek]);
                    if (n == 0 && _followUps.Count > 0 && _followUps.Peek().Due <= day)
                    {
                        n = 1;
                    }

                    for (var i = 0; i < n; i++)
                    {
                        starts.Add(owner.ClampBeforeWindowEnd(day + TimeOfDay(_rng)));
                    }

                    starts.Sort();
                }

                foreach (var start in starts)
                {
                    if (start >= activeEnd || start < _lastSessionEnd.AddMinutes(10))
                    {
                        continue;
                    }

                    Session(start);
                }
            }
        }

        private void Session(DateTime start)
        {
            var sessionId = string.Create(CultureInfo.InvariantCulture, $"S{shopper.CustomerIndex:D6}-{++_sessionCount:D4}");
            var t = start;

            // A planted follow-up takes the next session; otherwise a returning buyer may come to re-buy.
            int? target = null;
            var buyTarget = false;
            if (_followUps.Count > 0)
            {
                target = _followUps.Dequeue().Product;
                buyTarget = _rng.Chance(FollowUpBuyRate);
            }
            else if (_bought.Count > 0 && _rng.Chance(shopper.RepeatPropensity))
            {
                var candidate = _bought[_rng.Next(_bought.Count)];
                if (Catalog.Get(candidate).IsAvailableAt(t))
                {
                    target = candidate;
                    buyTarget = _rng.Chance(RepeatBuyRate);
                }
            }

            var category = target is { } tp ? Catalog.Get(tp).CategoryIndex : ChooseCategory();
            var views = 1 + _rng.NextGeometric(ViewStopRate, MaxViews - 1);
            var cart = new List<int>(4);
            for (var v = 0; v < views; v++)
            {
                int product;
                bool add;
                if (v == 0 && target is { } tv)
                {
                    product = tv;
                    add = buyTarget;
                }
                else
                {
                    var c = _rng.Chance(StayInCategoryRate) ? category : ChooseCategory();
                    product = PickProduct(c, t);
                    add = _rng.Chance(BrowseAddToCartRate);
                }

                Emit(sessionId, EventType.View, product, t);
                t = t.AddSeconds(_rng.NextInclusive(20, 150));
                if (add && !cart.Contains(product))
                {
                    Emit(sessionId, EventType.AddToCart, product, t);
                    t = t.AddSeconds(_rng.NextInclusive(5, 40));
                    cart.Add(product);
                }
            }

            if (cart.Count > 0 && !shopper.NeverBuys && (buyTarget || _rng.Chance(CheckoutRate)))
            {
                t = t.AddSeconds(_rng.NextInclusive(30, 240));
                Checkout(sessionId, cart, t);
            }

            _lastSessionEnd = t;
        }

        private void Checkout(string sessionId, List<int> cart, DateTime placedAt)
        {
            var order = new Order
            {
                InvoiceNo = owner.NextInvoiceNo(),
                Customer = result.Customer,
                Kind = OrderKind.Purchase,
                PlacedAt = placedAt,
                Country = result.Customer.Country,
            };

            foreach (var product in cart)
            {
                var p = Catalog.Get(product);
                var u = _rng.NextDouble();
                var quantity = u < 0.80 ? 1 : u < 0.95 ? 2 : 3;
                order.Lines.Add(new OrderLine { ProductId = owner._productIds[product], Quantity = quantity, UnitPrice = p.Price });
                var purchase = Emit(sessionId, EventType.Purchase, product, placedAt);
                result.PurchaseEvents.Add((purchase, order));

                if (!_bought.Contains(product))
                {
                    _bought.Add(product);
                }

                if (_rng.Chance(FollowUpPlantRate))
                {
                    _followUps.Enqueue((p.FollowUpIndex, placedAt.Date.AddDays(_rng.NextInclusive(1, FollowUpMaxDelayDays))));
                }
            }

            order.RecalculateTotal();
            result.Purchases.Add(order);
            MaybeReturn(order, cart);
        }

        private void MaybeReturn(Order order, List<int> cart)
        {
            List<OrderLine>? returned = null;
            for (var i = 0; i < cart.Count; i++)
            {
                if (_rng.Chance(Catalog.Categories[Catalog.Get(cart[i]).CategoryIndex].ReturnRate))
                {
                    var line = order.Lines[i];
                    returned ??= [];
                    returned.Add(new OrderLine { ProductId = line.ProductId, Quantity = _rng.NextInclusive(1, line.Quantity), UnitPrice = line.UnitPrice });
                }
            }

            if (returned is null)
            {
                return;
            }

            var placedAt = order.PlacedAt.AddDays(1).AddSeconds(_rng.Next(19 * 86_400));
            if (placedAt >= Options.WindowEnd)
            {
                return;
            }

            var ret = new Order
            {
                InvoiceNo = owner.NextReturnNo(),
                Customer = result.Customer,
                Kind = OrderKind.Return,
                PlacedAt = placedAt,
                Country = order.Country,
                Lines = returned,
            };
            ret.RecalculateTotal();
            result.Returns.Add((ret, order));
        }

        private BehaviorEvent Emit(string sessionId, EventType type, int product, DateTime at)
        {
            var e = new BehaviorEvent { SessionId = sessionId, Type = type, ProductId = owner._productIds[product], OccurredAt = at };
            result.Events.Add(e);
            return e;
        }

        /// <summary>80 % of the time a preferred category by taste weight, else any category by popularity.</summary>
        private int ChooseCategory() =>
            _rng.Chance(DemoShopper.PreferredShare)
                ? _preferredIndices[_rng.NextWeighted(_preferredWeights)]
                : _rng.NextWeighted(owner._categoryPopularity);

        /// <summary>Zipf popularity times a price factor exp(-strength * sensitivity * priceScore); unavailable items are redrawn.</summary>
        private int PickProduct(int category, DateTime at)
        {
            var members = Catalog.ProductsIn(category);
            if (!_cumulativeByCategory.TryGetValue(category, out var cumulative))
            {
                var weights = new double[members.Count];
                for (var i = 0; i < weights.Length; i++)
                {
                    var p = Catalog.Get(members[i]);
                    weights[i] = p.PopularityWeight * Math.Exp(-PriceSensitivityStrength * shopper.PriceSensitivity * p.PriceScore);
                }

                cumulative = DemoRandom.Cumulative(weights);
                _cumulativeByCategory.Add(category, cumulative);
            }

            for (var attempt = 0; attempt < 10; attempt++)
            {
                var product = members[_rng.NextFromCumulative(cumulative)];
                if (Catalog.Get(product).IsAvailableAt(at))
                {
                    return product;
                }
            }

            return members[0];
        }
    }
}
