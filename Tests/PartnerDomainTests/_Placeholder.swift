enum _PlaceholderPartnerDomainTests {}
