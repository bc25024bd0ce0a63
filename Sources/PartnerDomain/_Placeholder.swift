enum _PlaceholderPartnerDomain {}
