package org.lmsregistry.web.account;

import java.util.List;
import java.util.Optional;

public interface AccountRepository {

    Optional<Account> findByUsername(String username);

    List<Account> findAll();

    boolean existsActiveAdmin();

    void add(Account account);
}
